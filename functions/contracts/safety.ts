/**
 * The safety record (NPSG 15.01.01 as the template): a structured suicide-risk assessment with a
 * dated follow-up, and a versioned Stanley-Brown safety plan. Free text here is PHI: it never goes
 * into logs or audit events.
 */
import * as z from 'zod';
import { ClinicId, IsoDate, IsoDateTime, PageQuery, Ulid } from './common';

const Detail = z.string().trim().max(2000);
const Line = z.string().trim().min(1, 'is required').max(500);
const Lines = z.array(Line).max(20);
const Phone = z.string().trim().min(1, 'is required').max(40);

/** One directly asked question: present or not, and what the patient said. */
export const Finding = z.object({ present: z.boolean(), detail: Detail.default('') });
export type Finding = z.infer<typeof Finding>;

export const RiskLevel = z.enum(['low', 'moderate', 'high']);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const Notification = z.object({
  who: z.string().trim().min(1, 'is required').max(120),
  role: z.string().trim().min(1, 'is required').max(80),
  at: IsoDateTime,
});

/**
 * The follow-up is a calendar date, always: "as needed" cannot be expressed. The service checks it
 * is after the assessment date in the clinic's time zone (body.followUp.date).
 */
export const FollowUp = z.object({
  date: IsoDate,
  plan: z.string().trim().min(1, 'is required').max(2000),
});

export const RiskAssessmentCreate = z.object({
  /** The screening this assessment follows up, when there is one. */
  screeningId: Ulid.optional(),
  ideation: Finding,
  plan: Finding,
  /** Access to lethal means. */
  means: Finding,
  intent: Finding,
  /** Suicidal or self-harm behaviours. */
  behaviours: Finding,
  riskFactors: Lines,
  protectiveFactors: Lines,
  level: RiskLevel,
  /** The clinical justification of the level: required at every level. */
  justification: z.string().trim().min(1, 'is required').max(4000),
  notified: z.array(Notification).max(20),
  disposition: z.string().trim().min(1, 'is required').max(2000),
  followUp: FollowUp,
});
export type RiskAssessmentCreate = z.infer<typeof RiskAssessmentCreate>;

export const RiskAssessment = RiskAssessmentCreate.extend({
  assessmentId: Ulid,
  clinicId: ClinicId,
  patientId: Ulid,
  assessedAt: IsoDateTime,
  assessedBy: z.string(),
});
export type RiskAssessment = z.infer<typeof RiskAssessment>;

export const Contact = z.object({ name: Line, phone: Phone.optional() });
export const CrisisContact = z.object({ name: Line, phone: Phone });

export const CRISIS_LINE_988 = { name: '988 Suicide & Crisis Lifeline', phone: '988' } as const;

/** The six Stanley-Brown sections, plus the optional reasons for living. */
export const SafetyPlanSections = z.object({
  warningSigns: Lines,
  internalCoping: Lines,
  distractionPeopleAndPlaces: Lines,
  peopleWhoCanHelp: z.array(Contact).max(20),
  /** The server adds the 988 Suicide & Crisis Lifeline when no entry has 988 as its number. */
  professionalsAndCrisisLines: z.array(CrisisContact).max(20),
  meansSafety: Lines,
  reasonsForLiving: Lines.optional(),
});
export type SafetyPlanSections = z.infer<typeof SafetyPlanSections>;

export const SafetyPlanSave = SafetyPlanSections.extend({
  /** The version the edit started from: 0 for the first plan. A stale version is a 409. */
  expectedVersion: z.number().int().min(0),
  /** When the plan was reviewed with the patient; defaults to the time of saving. */
  reviewedAt: IsoDateTime.optional(),
});
export type SafetyPlanSave = z.infer<typeof SafetyPlanSave>;

export const SafetyPlan = SafetyPlanSections.extend({
  clinicId: ClinicId,
  patientId: Ulid,
  /** Server-assigned: 1, 2, 3 … every save is a new version; old versions stay readable. */
  version: z.number().int().positive(),
  updatedAt: IsoDateTime,
  updatedBy: z.string(),
  reviewedAt: IsoDateTime,
});
export type SafetyPlan = z.infer<typeof SafetyPlan>;

/** The current plan, or null while the patient has none. */
export const SafetyPlanView = z.object({ plan: SafetyPlan.nullable() });
export type SafetyPlanView = z.infer<typeof SafetyPlanView>;

export const SafetyPlanQuery = z.object({
  /** A past version; the current one when omitted. */
  version: z.coerce.number().int().positive().optional(),
});

/** What the PCP always sees, even when the assessment note itself is restricted. */
export const SafetySummary = z.object({
  level: RiskLevel.nullable(),
  assessedAt: IsoDateTime.nullable(),
  followUpDate: IsoDate.nullable(),
  planVersion: z.number().int().positive().nullable(),
  planUpdatedAt: IsoDateTime.nullable(),
});
export type SafetySummary = z.infer<typeof SafetySummary>;

export const RiskAssessmentListQuery = PageQuery;
