/**
 * The two timed scheduling jobs (EventBridge Scheduler in AWS, a timer locally). Both are
 * idempotent: generation puts only slots that do not exist, and a release is a conditional
 * held → released write that commits with its audit event, so a second run changes nothing.
 */
import type { ClinicId } from '../contracts/common';
import type { ScheduleTemplate, Slot } from '../contracts/scheduling';
import { addDays, expandTemplates, releaseDue } from '../domain/scheduling';
import type { Deps, RequestContext } from '../ports/context';
import { auditEvent } from './access';
import { clinicDate } from '../domain/calendar';
import { wholeClinicDay } from './scheduling';

const eachScheduledClinic = async (deps: Deps, run: (clinicId: ClinicId) => Promise<void>) => {
  let cursor: string | undefined;
  do {
    const page = await deps.store.templates.listScheduledClinics({
      limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const clinicId of page.items) await run(clinicId);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
};

const allTemplates = async (deps: Deps, clinicId: ClinicId) => {
  const templates: ScheduleTemplate[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.templates.listForClinic(clinicId, undefined, {
      limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    templates.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return templates;
};

export interface GenerationReport {
  clinics: number;
  created: number;
  existing: number;
}

/** Keeps each clinic's slots generated from today (clinic-local) to its rolling horizon. */
export const generateSlots = async (deps: Deps, now: Date): Promise<GenerationReport> => {
  const report: GenerationReport = { clinics: 0, created: 0, existing: 0 };
  await eachScheduledClinic(deps, async (clinicId) => {
    const clinic = await deps.store.clinics.get(clinicId);
    if (!clinic) return;
    const [templates, settings] = await Promise.all([
      allTemplates(deps, clinicId),
      deps.store.templates.getSettings(clinicId),
    ]);
    const slots = expandTemplates(templates, {
      from: clinicDate(now, clinic.timeZone),
      days: settings.horizonDays,
      timeZone: clinic.timeZone,
    });
    // One Query per clinic day finds what exists, so a rerun writes nothing at all; the
    // conditional put still guards a slot generated concurrently in between.
    const byDate = new Map<string, Slot[]>();
    for (const slot of slots)
      byDate.set(slot.localDate, [...(byDate.get(slot.localDate) ?? []), slot]);
    for (const [date, daySlots] of byDate) {
      const existing = new Set((await wholeClinicDay(deps, clinicId, date)).map((s) => s.slotId));
      const missing = daySlots.filter((slot) => !existing.has(slot.slotId));
      const counts = await deps.store.slots.putGenerated(missing);
      report.created += counts.created;
      report.existing += counts.existing + daySlots.length - missing.length;
    }
    report.clinics += 1;
  });
  return report;
};

export interface ReleaseReport {
  released: number;
  /** Protected slots still held (not yet due), for the console's "held" list and the logs. */
  held: Pick<Slot, 'clinicId' | 'slotId' | 'startsAt'>[];
}

export const RELEASE_ACTOR = 'system:release-slots';

/**
 * Opens every held warm-handoff slot whose release time (the clinic's warmHandoffReleaseHours
 * before its start) has come. Each release is audited in the clinic's trail as the system actor.
 */
export const releaseSlots = async (deps: Deps, now: Date): Promise<ReleaseReport> => {
  const report: ReleaseReport = { released: 0, held: [] };
  await eachScheduledClinic(deps, async (clinicId) => {
    const clinic = await deps.store.clinics.get(clinicId);
    if (!clinic) return;
    const settings = await deps.store.templates.getSettings(clinicId);
    const ctx: RequestContext = {
      actorId: RELEASE_ACTOR,
      requestId: `release-${now.toISOString()}`,
      deps,
    };
    const horizon = new Date(now.getTime() + settings.warmHandoffReleaseHours * 3_600_000);
    const last = clinicDate(horizon, clinic.timeZone);
    for (let date = clinicDate(now, clinic.timeZone); date <= last; date = addDays(date, 1)) {
      for (const slot of await wholeClinicDay(deps, clinicId, date)) {
        if (slot.kind !== 'warm-handoff' || slot.status !== 'held') continue;
        if (!releaseDue(slot, now, settings)) {
          if (new Date(slot.endsAt) > now) report.held.push(slot);
          continue;
        }
        const audit = auditEvent(ctx, clinicId, 'slot.release', {
          resourceType: 'slot',
          resourceId: slot.slotId,
        });
        const outcome = await deps.store.slots.releaseWarmHandoff(
          clinicId,
          slot.slotId,
          now,
          audit,
        );
        if (outcome.outcome === 'released') report.released += 1;
      }
    }
  });
  return report;
};
