/** BCM presence: on duty / away per covered clinic, kept fresh by the console's heartbeat. */
import type { ClinicId } from '../contracts/common';
import { PRESENCE_FRESH_SECONDS, type Presence, type PresenceView } from '../contracts/handoff';
import { assertAllowed, roleAllows } from '../domain/access/policy';
import type { Membership } from '../domain/model';
import type { Deps, RequestContext } from '../ports/context';
import { loadActor } from './access';
import { clinicMemberships } from './members';

export const isFresh = (presence: Pick<Presence, 'lastSeenAt'>, now: Date): boolean =>
  now.getTime() - Date.parse(presence.lastSeenAt) <= PRESENCE_FRESH_SECONDS * 1000;

export const isOnDuty = (presence: Presence, now: Date): boolean =>
  presence.status === 'on-duty' && isFresh(presence, now);

const coveredClinics = (memberships: readonly Membership[]): ClinicId[] => [
  ...new Set(memberships.filter((m) => roleAllows(m.role, 'presence.set')).map((m) => m.clinicId)),
];

/** Every member of the clinic holding `role` (a clinic's staff list is small: a few pages). */
export const clinicMembersWith = async (
  deps: Deps,
  clinicId: ClinicId,
  role: Membership['role'],
): Promise<string[]> => {
  const members = await clinicMemberships(deps, clinicId);
  return members.filter((m) => m.role === role).map((m) => m.userId);
};

/** BCMs of the clinic who are on duty for it with a fresh heartbeat: the ones a request pages. */
export const onDutyBcms = async (deps: Deps, clinicId: ClinicId, now: Date): Promise<string[]> => {
  const [rows, bcms] = await Promise.all([
    deps.store.presence.listForClinic(clinicId),
    clinicMembersWith(deps, clinicId, 'bcm'),
  ]);
  // A presence row outliving a revoked membership pages nobody.
  const members = new Set(bcms);
  return rows.filter((row) => members.has(row.userId) && isOnDuty(row, now)).map((r) => r.userId);
};

const viewOf = async (
  deps: Deps,
  memberships: readonly Membership[],
  rows: readonly Presence[],
): Promise<PresenceView> => {
  const now = deps.clock.now();
  const clinics = await Promise.all(
    coveredClinics(memberships).map((clinicId) => deps.store.clinics.get(clinicId)),
  );
  return {
    clinics: clinics.flatMap((clinic) => {
      if (!clinic) return [];
      const row = rows.find((r) => r.clinicId === clinic.clinicId);
      return [
        {
          clinicId: clinic.clinicId,
          clinicName: clinic.name,
          timeZone: clinic.timeZone,
          status: row?.status ?? 'away',
          effective: row !== undefined && isOnDuty(row, now),
        },
      ];
    }),
  };
};

/** The caller's presence in every clinic they cover as a BCM (none for other roles). */
export const getMyPresence = async (ctx: RequestContext): Promise<PresenceView> => {
  const [actor, rows] = await Promise.all([
    loadActor(ctx),
    ctx.deps.store.presence.listForUser(ctx.actorId),
  ]);
  return viewOf(ctx.deps, actor.memberships, rows);
};

/** Going on duty does not page old requests; going away pages nobody and cancels nothing. */
export const setMyPresence = async (
  ctx: RequestContext,
  input: { clinicId: ClinicId; status: Presence['status'] },
): Promise<PresenceView> => {
  const actor = await loadActor(ctx);
  assertAllowed(actor, 'presence.set', input.clinicId);
  const now = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.presence.put({
    userId: ctx.actorId,
    clinicId: input.clinicId,
    status: input.status,
    updatedAt: now,
    lastSeenAt: now,
  });
  const rows = await ctx.deps.store.presence.listForUser(ctx.actorId);
  return viewOf(ctx.deps, actor.memberships, rows);
};

/**
 * The console is alive: refreshes lastSeenAt of each of the caller's presence rows. Called by the
 * socket's heartbeat message and by the HTTP polling fallback.
 */
export const heartbeat = async (ctx: RequestContext): Promise<PresenceView> => {
  const now = ctx.deps.clock.now().toISOString();
  const [actor, rows] = await Promise.all([
    loadActor(ctx),
    ctx.deps.store.presence.touch(ctx.actorId, now),
  ]);
  return viewOf(ctx.deps, actor.memberships, rows);
};
