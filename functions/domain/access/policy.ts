import { Role as RoleSchema, type ClinicId, type Role } from '../../contracts/common';
import { DomainError } from '../errors';
import type { Membership } from '../model';

export const actions = [
  'clinic.read',
  'clinic.configure',
  'staff.read',
  'audit.read',
  'patient.search',
  'patient.create',
  'patient.read',
  'screening.submit',
  'screening.read',
  'screening.override',
  'safety.write',
  'safety.read',
  'safety.summary',
  'handoff.request',
  'handoff.read',
  'handoff.cancel',
  'handoff.join',
  'handoff.respond',
  'handoff.end',
  'handoff.metrics',
  'presence.set',
  // @actions:scheduling
  'schedule.read',
  'schedule.book',
  'schedule.join',
  'schedule.metrics',
  'schedule.configure',
  // @actions:measurement
  // @actions:registry
  'registry.enrol',
  'registry.read',
  'registry.write',
  'registry.caseload',
  'registry.panel',
  'registry.review',
  'registry.configure',
  'recommendation.inbox',
  'recommendation.respond',
  'message.read',
  'message.send',
  'note.restricted.write',
  'note.restricted.list',
  'review.session.run',
  'review.session.attend',
  // @actions:billing
  'billing.read',
  'billing.close',
  'billing.configure',
  'outcomes.read',
] as const;
export type Action = (typeof actions)[number];

export interface Actor {
  userId: string;
  /** As stored (user × clinic × role), never as claimed by the client. */
  memberships: Membership[];
}

export type Decision =
  { allowed: true; role: Role } | { allowed: false; reason: 'not_member' | 'role_not_permitted' };

const clinicalCare: readonly Action[] = [
  'clinic.read',
  'patient.search',
  'patient.create',
  'patient.read',
  'screening.submit',
  'screening.read',
];

/** Whoever is in the exam room with the patient asks for the BCM, follows the request, joins the call. */
const handoffRequester: readonly Action[] = [
  'handoff.request',
  'handoff.read',
  'handoff.cancel',
  'handoff.join',
];

/**
 * The care team around an enrolled patient (PCP, BCM, psychiatrist): the episode, its thread of
 * recommendations, secure messages, and the existence of restricted notes (whose content only the
 * author, or the team once the patient authorizes it, may read: checked by the service).
 */
const careTeam: readonly Action[] = [
  'registry.read',
  'message.read',
  'message.send',
  'note.restricted.write',
  'note.restricted.list',
];

/** The front desk's (and the clinicians') calendar work: see the day, book, move, mark attendance. */
const scheduleDesk: readonly Action[] = ['schedule.read', 'schedule.book', 'schedule.join'];

/**
 * Who may do what inside a clinic they belong to. Admins run the clinic but read no PHI (minimum
 * necessary); BCMs and psychiatrists work patients a PCP registered; a tablet only submits the
 * screening of the patient in front of it.
 */
export const permissions: Readonly<Record<Role, readonly Action[]>> = Object.freeze({
  // Safety record: the PCP and BCM write it, the psychiatrist reads it, and every clinical role
  // sees the summary (level, plan version, follow-up date) but only these three the full note.
  // Overriding a triage disposition is a clinical decision: PCP and BCM only, with a reason.
  pcp: Object.freeze([
    ...clinicalCare,
    'screening.override',
    'safety.write',
    'safety.read',
    'safety.summary',
    ...handoffRequester,
    'handoff.metrics',
    ...scheduleDesk,
    'schedule.metrics',
    // The referring, billing PCP enrols, logs their own care-management time and answers the
    // psychiatrist's recommendations.
    ...careTeam,
    'registry.enrol',
    'registry.write',
    'recommendation.inbox',
    'recommendation.respond',
    // The billing practitioner checks the worksheet their claims come from, and the outcomes.
    'billing.read',
    'outcomes.read',
  ] as const),
  ma: Object.freeze([
    ...clinicalCare,
    'safety.summary',
    ...handoffRequester,
    ...scheduleDesk,
  ] as const),
  bcm: Object.freeze([
    'clinic.read',
    'patient.search',
    'patient.read',
    'screening.submit',
    'screening.read',
    'screening.override',
    'safety.write',
    'safety.read',
    'safety.summary',
    'handoff.read',
    'handoff.join',
    'handoff.respond',
    'handoff.end',
    'handoff.metrics',
    'presence.set',
    ...scheduleDesk,
    'schedule.metrics',
    ...careTeam,
    'registry.enrol',
    'registry.write',
    'registry.caseload',
    'review.session.attend',
  ] as const),
  psychiatrist: Object.freeze([
    'clinic.read',
    'patient.search',
    'patient.read',
    'screening.read',
    'safety.read',
    'safety.summary',
    // Joins a handoff call only when invited as a second clinician (participants are checked).
    'handoff.read',
    'handoff.join',
    'schedule.read',
    ...careTeam,
    'registry.panel',
    'registry.review',
    'review.session.run',
    'review.session.attend',
  ] as const),
  admin: Object.freeze([
    'clinic.read',
    'clinic.configure',
    'staff.read',
    'audit.read',
    'handoff.metrics',
    // Templates and settings, and the attendance rates (counts only, no patient).
    'schedule.configure',
    'schedule.metrics',
    'registry.configure',
    // Billing and outcomes are the exception to "admins read no PHI": a claim needs the patient,
    // date of birth and MRN, and every dashboard number drills down to its patients. Both reads
    // are audited per patient list.
    'billing.read',
    'billing.close',
    'billing.configure',
    'outcomes.read',
  ] as const),
  tablet: Object.freeze(['clinic.read', 'screening.submit', ...handoffRequester] as const),
});

export const roleAllows = (role: Role, action: Action): boolean =>
  permissions[role].includes(action);

/**
 * Decides from the actor's stored memberships in this clinic alone. With several roles in one
 * clinic any permitting role suffices; the one returned is the first in the Role enum's order, so
 * the same actor always acts (and is audited) under the same role.
 */
export const authorize = (actor: Actor, action: Action, clinicId: ClinicId): Decision => {
  const held = new Set(
    actor.memberships
      .filter(
        (membership) => membership.userId === actor.userId && membership.clinicId === clinicId,
      )
      .map((membership) => membership.role),
  );
  if (held.size === 0) return { allowed: false, reason: 'not_member' };
  const role = RoleSchema.options.find(
    (candidate) => held.has(candidate) && roleAllows(candidate, action),
  );
  return role ? { allowed: true, role } : { allowed: false, reason: 'role_not_permitted' };
};

/**
 * authorize, as the error a handler returns: a clinic the actor does not belong to is "not found"
 * (other tenants' existence is not disclosed); a member whose role lacks the action is forbidden.
 */
export const assertAllowed = (actor: Actor, action: Action, clinicId: ClinicId): Role => {
  const decision = authorize(actor, action, clinicId);
  if (decision.allowed) return decision.role;
  if (decision.reason === 'not_member') throw DomainError.notFound('Clinic');
  throw DomainError.forbidden();
};
