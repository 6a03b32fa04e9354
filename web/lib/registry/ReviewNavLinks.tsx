import { useQuery, useQueryClient } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { useApi } from '../api';
import type { Role } from '../contracts';
import { useServerMessage } from '../realtime';
import { registryKeys } from './queries';
import { reviewPaths } from './review';

/** Header links to the cross-clinic review pages, by the roles the user holds in any clinic. */
export function ReviewNavLinks({ roles }: { roles: readonly Role[] }) {
  const has = (role: Role) => roles.includes(role);
  return (
    <>
      {has('psychiatrist') && <NavLink to={reviewPaths.panel}>Panel</NavLink>}
      {has('pcp') && <InboxLink />}
      {(has('psychiatrist') || has('bcm')) && (
        <NavLink to={reviewPaths.reviewSessions}>Review sessions</NavLink>
      )}
    </>
  );
}

const INBOX_PAGE = 50;

/** "Inbox (3)": the PCP's open recommendations, refreshed when one arrives. */
function InboxLink() {
  const api = useApi();
  const queryClient = useQueryClient();
  const open = useQuery({
    queryKey: [...registryKeys.inboxAll, 'count'],
    queryFn: ({ signal }) =>
      api.call('getMyInbox', { query: { status: 'open', limit: INBOX_PAGE }, signal }),
    staleTime: 60_000,
  });
  useServerMessage('inbox.updated', () => {
    void queryClient.invalidateQueries({ queryKey: registryKeys.inboxAll });
  });
  const count = open.data
    ? `${open.data.items.length}${open.data.nextCursor ? '+' : ''}`
    : undefined;
  return (
    <NavLink to={reviewPaths.inbox}>
      {count === undefined || count === '0' ? 'Inbox' : `Inbox (${count} open)`}
    </NavLink>
  );
}
