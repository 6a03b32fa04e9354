/**
 * Triage rule administration: a clinic admin reads the clinic's current rule set with its version
 * history and publishes a new version. Rule sets hold thresholds only, never PHI.
 */
import * as z from 'zod';
import { TriageRuleSet } from './clinics';
import { IsoDateTime } from './common';

/** The settings an admin edits: every number of a rule set, without its bookkeeping fields. */
export const TriageRuleSettings = TriageRuleSet.pick({
  phq9: true,
  gad7: true,
  phq9Item9SafetyFrom: true,
  offerBhWithinDays: true,
  urgentWithinHours: true,
  pcptsd5CutPoint: true,
  inHouseTiers: true,
  screeningBundles: true,
});
export type TriageRuleSettings = z.infer<typeof TriageRuleSettings>;

export const TriageRulesPublish = TriageRuleSettings.extend({
  /**
   * The version the admin edited (the current one when the form was loaded). The new rule set gets
   * expectedVersion + 1; if someone published in between, the request is a 409 naming this field.
   */
  expectedVersion: z.number().int().positive(),
});
export type TriageRulesPublish = z.infer<typeof TriageRulesPublish>;

export const TriageRuleVersionSummary = z.object({
  version: z.number().int().positive(),
  createdAt: IsoDateTime,
  createdBy: z.string(),
});
export type TriageRuleVersionSummary = z.infer<typeof TriageRuleVersionSummary>;

export const TriageRulesView = z.object({
  /** The version new screenings are triaged with. */
  current: TriageRuleSet,
  /** Published versions, newest first (one page; `nextCursor` when there are more). */
  versions: z.array(TriageRuleVersionSummary),
  nextCursor: z.string().optional(),
});
export type TriageRulesView = z.infer<typeof TriageRulesView>;

/** What a publish answers: the rule set as stored, now the clinic's current version. */
export const PublishedTriageRules = TriageRuleSet;
