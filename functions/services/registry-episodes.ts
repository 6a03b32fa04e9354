/**
 * Reading and changing one episode: the plan, the BCM's review request, the relapse-prevention
 * plan and discharge. Each change is a version-checked replace with its audit event.
 */
import { registrySettingsOf } from '../contracts/clinics';
import type { ClinicId } from '../contracts/common';
import type * as z from 'zod';
import type {
  DischargeBody,
  Episode,
  EpisodeView,
  PlanUpdate,
  RelapsePlanSave,
} from '../contracts/registry';
import type { Action } from '../domain/access/policy';
import { DomainError, isDomainError } from '../domain/errors';
import { dischargeIssues, toEpisodeView } from '../domain/registry';
import type { RequestContext } from '../ports/context';
import type { ClinicConfig } from '../ports/registry';
import { auditEvent, auditedRead, authorizeFor } from './access';
import { requirePatient } from './patients';
import {
  episodeTarget,
  episodeWithConfig,
  nextVersion,
  planIssues,
  requireActive,
} from './registry';
import { requireConfig } from './registry-views';

export interface EpisodeRef {
  clinicId: ClinicId;
  patientId: string;
  episodeId: string;
}

export const getEpisode = async (ctx: RequestContext, ref: EpisodeRef): Promise<EpisodeView> => {
  const target = episodeTarget(ref.patientId, ref.episodeId);
  return auditedRead(
    ctx,
    { action: 'registry.read', auditAction: 'episode.read', clinicId: ref.clinicId, target },
    async () => {
      const { episode, config } = await episodeWithConfig(
        ctx,
        ref.clinicId,
        ref.patientId,
        ref.episodeId,
      );
      return toEpisodeView(episode, config, ctx.deps.clock.now());
    },
  );
};

/** Every episode of the patient (a few at most), the active one first, then newest first. */
export const listEpisodes = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
): Promise<{ items: EpisodeView[] }> => {
  const target = { resourceType: 'episode-list', patientId } as const;
  return auditedRead(
    ctx,
    { action: 'registry.read', auditAction: 'episode.list', clinicId, target },
    async () => {
      const [, config, episodes] = await Promise.all([
        requirePatient(ctx, clinicId, patientId),
        requireConfig(ctx.deps, clinicId),
        ctx.deps.store.episodes.listForPatient(clinicId, patientId),
      ]);
      const now = ctx.deps.clock.now();
      const ordered = [
        ...episodes.filter((e) => e.status === 'active'),
        ...episodes.filter((e) => e.status !== 'active'),
      ];
      return { items: ordered.map((e) => toEpisodeView(e, config, now)) };
    },
  );
};

interface Change {
  action: Action;
  auditAction: string;
  /** The client's version (a plan edit): a different stored one is a conflict, never retried. */
  expectedVersion?: number;
  /** The next state, before version and time stamps; may throw a DomainError. */
  apply(episode: Episode, config: ClinicConfig, now: Date): Episode;
}

/**
 * Authorize → load → apply → version-checked save. A change computed from the server's own read
 * (no client version) is retried once when a concurrent write got in first.
 */
export const changeEpisode = async (
  ctx: RequestContext,
  ref: EpisodeRef,
  change: Change,
): Promise<EpisodeView> => {
  const target = episodeTarget(ref.patientId, ref.episodeId);
  await authorizeFor(ctx, change.action, ref.clinicId, target);
  for (let attempt = 0; ; attempt += 1) {
    const { episode, config } = await episodeWithConfig(
      ctx,
      ref.clinicId,
      ref.patientId,
      ref.episodeId,
    );
    if (change.expectedVersion !== undefined && change.expectedVersion !== episode.version) {
      throw DomainError.conflict('The episode was changed by someone else; reload it', [
        { field: 'body.expectedVersion', message: `the current version is ${episode.version}` },
      ]);
    }
    const now = ctx.deps.clock.now();
    const next = nextVersion(change.apply(episode, config, now), now);
    try {
      await ctx.deps.store.episodes.save(
        next,
        episode.version,
        auditEvent(ctx, ref.clinicId, change.auditAction, target),
      );
      return toEpisodeView(next, config, now);
    } catch (error) {
      const retry =
        change.expectedVersion === undefined &&
        attempt === 0 &&
        isDomainError(error) &&
        error.kind === 'conflict';
      if (!retry) throw error;
    }
  }
};

export const updateEpisodePlan = (
  ctx: RequestContext,
  ref: EpisodeRef,
  input: z.infer<typeof PlanUpdate>,
): Promise<EpisodeView> => {
  const { expectedVersion, ...plan } = input;
  return changeEpisode(ctx, ref, {
    action: 'registry.write',
    auditAction: 'episode.plan',
    expectedVersion,
    apply: (episode, config, now) => {
      requireActive(episode);
      const issues = planIssues(plan, config, now);
      if (issues.length > 0) throw DomainError.validation('The plan has invalid fields', issues);
      // A PUT: a date left out of the plan is removed, not kept.
      const next: Episode = { ...episode, ...plan };
      if (plan.lastSeenByBillingPractitionerOn === undefined) {
        delete next.lastSeenByBillingPractitionerOn;
      }
      return next;
    },
  });
};

export const requestPsychiatricReview = (
  ctx: RequestContext,
  ref: EpisodeRef,
  question: string,
): Promise<EpisodeView> =>
  changeEpisode(ctx, ref, {
    action: 'registry.write',
    auditAction: 'episode.review-request',
    apply: (episode, _config, now) => ({
      ...requireActive(episode),
      reviewRequest: { by: ctx.actorId, at: now.toISOString(), question },
    }),
  });

export const saveRelapsePlan = (
  ctx: RequestContext,
  ref: EpisodeRef,
  plan: z.infer<typeof RelapsePlanSave>,
): Promise<EpisodeView> =>
  changeEpisode(ctx, ref, {
    action: 'registry.write',
    auditAction: 'episode.relapse-plan',
    apply: (episode, _config, now) => ({
      ...requireActive(episode),
      relapsePlan: { ...plan, updatedAt: now.toISOString(), updatedBy: ctx.actorId },
    }),
  });

/**
 * Goals met needs the relapse-prevention plan, lapsed needs the clinic's months without service;
 * the episode then leaves the caseload and the panel (the repository releases the active guard).
 */
export const dischargeEpisode = (
  ctx: RequestContext,
  ref: EpisodeRef,
  body: z.infer<typeof DischargeBody>,
): Promise<EpisodeView> =>
  changeEpisode(ctx, ref, {
    action: 'registry.write',
    auditAction: 'episode.discharge',
    apply: (episode, config, now) => {
      const issues = dischargeIssues(
        episode,
        body,
        registrySettingsOf(config.clinic),
        now,
        config.clinic.timeZone,
      );
      if (issues.length > 0) throw DomainError.validation('The episode cannot end so', issues);
      return {
        ...episode,
        status: 'discharged',
        discharge: {
          reason: body.reason,
          at: now.toISOString(),
          by: ctx.actorId,
          ...(body.note === undefined ? {} : { note: body.note }),
        },
      };
    },
  });
