import type { ClinicId } from '../contracts/common';
import type { Membership } from '../domain/model';
import type { Deps } from '../ports/context';

/** Every membership of a clinic. A micro-practice's staff list is small: one or two pages. */
export const clinicMemberships = async (deps: Deps, clinicId: ClinicId): Promise<Membership[]> => {
  const members: Membership[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.memberships.listForClinic(clinicId, {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    members.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return members;
};
