import { useQueries } from '@tanstack/react-query';
import { useApi } from '@lib/api';
import type { DirectoryEntry, Me } from '@lib/contracts';
import { registryKeys } from '@lib/registry/queries';

export interface Colleagues {
  /** A display name for anyone in a directory of the user's clinics. */
  name: (userId: string) => string;
  /** BCMs of the clinics where the user is the psychiatric consultant (the attendee choices). */
  bcms: DirectoryEntry[];
  loading: boolean;
}

/** Names and BCMs from the directories of the user's clinics (one cached query per clinic). */
export function useColleagues(me: Me): Colleagues {
  const api = useApi();
  const clinicIds = [...new Set(me.memberships.map((m) => m.clinicId))];
  const consulting = new Set(
    me.memberships.filter((m) => m.role === 'psychiatrist').map((m) => m.clinicId),
  );
  const directories = useQueries({
    queries: clinicIds.map((clinicId) => ({
      queryKey: registryKeys.directory(clinicId),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.call('getClinicDirectory', { params: { clinicId }, signal }),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map<string, string>([[me.userId, me.displayName]]);
  const bcms = new Map<string, DirectoryEntry>();
  directories.forEach((directory, i) => {
    for (const member of directory.data?.members ?? []) {
      names.set(member.userId, member.displayName);
      if (member.role === 'bcm' && consulting.has(clinicIds[i] ?? '')) {
        bcms.set(member.userId, member);
      }
    }
  });
  return {
    name: (userId) => names.get(userId) ?? 'a colleague',
    bcms: [...bcms.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)),
    loading: directories.some((d) => d.isPending),
  };
}
