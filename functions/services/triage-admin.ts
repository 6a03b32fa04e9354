import type { TriageRuleSet } from '../contracts/clinics';
import type { ClinicId, FieldIssue, PageQuery } from '../contracts/common';
import type { TriageRulesPublish, TriageRulesView } from '../contracts/triage-admin';
import { DomainError, isDomainError } from '../domain/errors';
import { validateTriageRules } from '../domain/triage';
import type { RequestContext } from '../ports/context';
import { authorizeFor } from './access';

const clinicTarget = (clinicId: ClinicId) =>
  ({ resourceType: 'clinic', resourceId: clinicId }) as const;

const staleVersion = (message: string): DomainError =>
  DomainError.conflict(message, [
    {
      field: 'body.expectedVersion',
      message: 'is not the current version: reload the rules and try again',
    },
  ]);

/**
 * The clinic's current rule set and its published versions, newest first. Thresholds hold no PHI,
 * so every member may read them (and no audit event is written).
 */
export const getTriageRules = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  page: PageQuery,
): Promise<TriageRulesView> => {
  await authorizeFor(ctx, 'clinic.read', clinicId, clinicTarget(clinicId));
  const { clinics } = ctx.deps.store;
  const clinic = await clinics.get(clinicId);
  if (!clinic) throw new Error('Membership points at a missing clinic');
  const [current, history] = await Promise.all([
    clinics.getTriageRules(clinicId, clinic.triageRuleVersion),
    clinics.listTriageRuleVersions(clinicId, page),
  ]);
  if (!current) throw new Error('Clinic has no triage rules at its current version');
  return {
    current,
    versions: history.items.map(({ version, createdAt, createdBy }) => ({
      version,
      createdAt,
      createdBy,
    })),
    ...(history.nextCursor === undefined ? {} : { nextCursor: history.nextCursor }),
  };
};

/**
 * A clinic admin publishes a new rule version: validated (nothing is written for a bad one), then
 * stored as expectedVersion + 1 and made current in one transaction. Screenings submitted from then
 * on are triaged with it; stored results keep the version that decided them.
 */
export const publishTriageRules = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  body: TriageRulesPublish,
): Promise<TriageRuleSet> => {
  await authorizeFor(ctx, 'clinic.configure', clinicId, clinicTarget(clinicId));
  const { expectedVersion, ...settings } = body;
  const rules: TriageRuleSet = {
    ...settings,
    clinicId,
    version: expectedVersion + 1,
    createdAt: ctx.deps.clock.now().toISOString(),
    createdBy: ctx.actorId,
  };
  const issues: FieldIssue[] = validateTriageRules(rules).map((issue) => ({
    field: `body.${issue.field}`,
    message: issue.message,
  }));
  if (issues.length > 0) throw DomainError.validation('The triage rules are not valid', issues);

  const clinic = await ctx.deps.store.clinics.get(clinicId);
  if (!clinic) throw new Error('Membership points at a missing clinic');
  if (clinic.triageRuleVersion !== expectedVersion) {
    throw staleVersion(
      `The clinic's triage rules are at version ${clinic.triageRuleVersion}, not ${expectedVersion}: reload them and try again`,
    );
  }
  try {
    await ctx.deps.store.clinics.publishTriageRules(rules, expectedVersion);
  } catch (error) {
    // Someone published between our read and our write: the transaction refused this one.
    if (isDomainError(error) && error.kind === 'conflict') throw staleVersion(error.message);
    throw error;
  }
  return rules;
};
