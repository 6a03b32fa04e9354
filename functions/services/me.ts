import type { ClinicView, Me } from '../contracts/clinics';
import type { ClinicId } from '../contracts/common';
import type { RequestContext } from '../ports/context';
import { authorizeFor, loadActor } from './access';

/** The signed-in user's clinics and roles, for the role picker. Holds no PHI. */
export const getMe = async (ctx: RequestContext): Promise<Me> => {
  const { store } = ctx.deps;
  const [actor, profile] = await Promise.all([loadActor(ctx), store.users.get(ctx.actorId)]);
  const clinicIds = [...new Set(actor.memberships.map((m) => m.clinicId))];
  const clinics = new Map(
    (await Promise.all(clinicIds.map((id) => store.clinics.get(id))))
      .filter((clinic) => clinic !== undefined)
      .map((clinic) => [clinic.clinicId, clinic]),
  );
  return {
    userId: ctx.actorId,
    displayName: profile?.displayName ?? ctx.actorId,
    memberships: actor.memberships.flatMap((m) => {
      const clinic = clinics.get(m.clinicId);
      if (!clinic) return [];
      return [
        {
          clinicId: m.clinicId,
          clinicName: clinic.name,
          timeZone: clinic.timeZone,
          role: m.role,
          ...(m.room ? { room: m.room } : {}),
        },
      ];
    }),
  };
};

export const getClinic = async (ctx: RequestContext, clinicId: ClinicId): Promise<ClinicView> => {
  await authorizeFor(ctx, 'clinic.read', clinicId, {
    resourceType: 'clinic',
    resourceId: clinicId,
  });
  const clinic = await ctx.deps.store.clinics.get(clinicId);
  if (!clinic) throw new Error('Membership points at a missing clinic');
  return clinic;
};
