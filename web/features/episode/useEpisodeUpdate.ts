import { useQueryClient } from '@tanstack/react-query';
import type { EpisodeView } from '@lib/contracts';
import { registryKeys } from '@lib/registry/queries';

/** After any change: show the server's new view at once and refresh the lists that contain it. */
export function useEpisodeUpdate() {
  const queryClient = useQueryClient();
  return (view: EpisodeView) => {
    queryClient.setQueryData(
      registryKeys.episode(view.clinicId, view.patientId, view.episodeId),
      view,
    );
    void queryClient.invalidateQueries({
      queryKey: registryKeys.episodesOf(view.clinicId, view.patientId),
      predicate: (query) => query.queryKey.length !== 6 || query.queryKey[5] !== view.episodeId,
    });
    void queryClient.invalidateQueries({ queryKey: registryKeys.caseloadAll });
    void queryClient.invalidateQueries({ queryKey: registryKeys.panelAll });
  };
}

/** Field errors from a 400, keyed by the body path without "body." ("consent.obtainedAt"). */
export const bodyPaths = (fields: readonly { field: string; message: string }[]) => {
  const byPath = new Map<string, string>();
  for (const { field, message } of fields) {
    if (field.startsWith('body.') && !byPath.has(field.slice(5)))
      byPath.set(field.slice(5), message);
  }
  return byPath;
};

/** A zod error's issues keyed by path ("consent.obtainedAt"), first message per path. */
export const issuePaths = (
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
) => {
  const byPath = new Map<string, string>();
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (!byPath.has(path)) byPath.set(path, issue.message);
  }
  return byPath;
};
