import type { ClinicDirectory } from '../contracts/clinics';
import type { ClinicId } from '../contracts/common';
import type { RequestContext } from '../ports/context';
import { authorizeFor } from './access';
import { clinicMemberships } from './members';

export const getClinicDirectory = async (
  ctx: RequestContext,
  clinicId: ClinicId,
): Promise<ClinicDirectory> => {
  await authorizeFor(ctx, 'clinic.read', clinicId, {
    resourceType: 'clinic',
    resourceId: clinicId,
  });
  const memberships = await clinicMemberships(ctx.deps, clinicId);
  const userIds = [...new Set(memberships.map((m) => m.userId))];
  const profiles = new Map(
    (await Promise.all(userIds.map((id) => ctx.deps.store.users.get(id))))
      .filter((profile) => profile !== undefined)
      .map((profile) => [profile.userId, profile]),
  );
  const members = memberships
    .map((m) => ({
      userId: m.userId,
      displayName: profiles.get(m.userId)?.displayName ?? m.userId,
      role: m.role,
      ...(m.room ? { room: m.room } : {}),
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { members };
};
