/**
 * Scheduling views, templates and settings (DESIGN.md flow 5). Bookings are in
 * scheduling-bookings.ts and the timed jobs in scheduling-jobs.ts.
 */
import type { Clinic } from '../contracts/clinics';
import type { ClinicId } from '../contracts/common';
import type {
  ClinicDay,
  ClinicSchedulingSettings,
  MyDay,
  ScheduleTemplate,
  ScheduledSlot,
  Slot,
  VisitType,
} from '../contracts/scheduling';
import type { TemplateList } from '../contracts/scheduling';
import { ClinicSchedulingSettings as SettingsSchema } from '../contracts/scheduling';
import type * as z from 'zod';
import { roleAllows } from '../domain/access/policy';
import { clinicDate } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { addDays, expandTemplates, findOverlaps, validateTemplate } from '../domain/scheduling';
import type { Deps, RequestContext } from '../ports/context';
import { auditEvent, authorizeFor, loadActor } from './access';
import { clinicMemberships } from './members';

export const requireClinic = async (deps: Deps, clinicId: ClinicId): Promise<Clinic> => {
  const clinic = await deps.store.clinics.get(clinicId);
  if (!clinic) throw DomainError.notFound('Clinic');
  return clinic;
};

/** Every page of a clinic day (a day is at most a few dozen slots per provider). */
export const wholeClinicDay = async (deps: Deps, clinicId: ClinicId, date: string) => {
  const slots: Slot[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.slots.listForClinicDay(clinicId, date, {
      limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    slots.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return slots;
};

const hasPatients = (slots: Slot[]) => slots.some((slot) => slot.booking !== undefined);

export const getClinicSchedule = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  query: { date?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<ClinicDay> => {
  await authorizeFor(ctx, 'schedule.read', clinicId, { resourceType: 'slot-list' });
  const clinic = await requireClinic(ctx.deps, clinicId);
  const date = query.date ?? clinicDate(ctx.deps.clock.now(), clinic.timeZone);
  const page = await ctx.deps.store.slots.listForClinicDay(clinicId, date, {
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
  if (hasPatients(page.items)) {
    await ctx.deps.store.audit.append(
      auditEvent(ctx, clinicId, 'slot.list', { resourceType: 'slot-list', resourceId: date }),
    );
  }
  return { clinicId, date, timeZone: clinic.timeZone, ...page };
};

/**
 * The signed-in provider's slots on one date in every clinic where they may see the schedule,
 * by UTC start so clinics in different zones interleave; each slot keeps its clinic's zone.
 */
export const getMySchedule = async (
  ctx: RequestContext,
  query: { date?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<MyDay> => {
  const actor = await loadActor(ctx);
  const visible = new Set(
    actor.memberships.filter((m) => roleAllows(m.role, 'schedule.read')).map((m) => m.clinicId),
  );
  const date = query.date ?? ctx.deps.clock.now().toISOString().slice(0, 10);
  const page = await ctx.deps.store.slots.listForProviderDay(ctx.actorId, date, {
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
  const mine = page.items.filter((slot) => visible.has(slot.clinicId));
  const clinicIds = [...new Set(mine.map((slot) => slot.clinicId))];
  const clinics = new Map(
    (await Promise.all(clinicIds.map((id) => ctx.deps.store.clinics.get(id))))
      .filter((c): c is Clinic => c !== undefined)
      .map((c) => [c.clinicId, c]),
  );
  for (const clinicId of clinicIds) {
    if (!hasPatients(mine.filter((slot) => slot.clinicId === clinicId))) continue;
    await ctx.deps.store.audit.append(
      auditEvent(ctx, clinicId, 'slot.list', {
        resourceType: 'slot-list',
        resourceId: `${ctx.actorId}/${date}`,
      }),
    );
  }
  const items: ScheduledSlot[] = mine.map((slot) => ({
    ...slot,
    clinicName: clinics.get(slot.clinicId)?.name ?? slot.clinicId,
  }));
  return page.nextCursor === undefined
    ? { date, items }
    : { date, items, nextCursor: page.nextCursor };
};

/** Which slot kinds a visit of this type fits (an intake needs an intake-length block). */
export const fitsVisit = (slot: Pick<Slot, 'kind'>, visitType: VisitType): boolean =>
  visitType === 'intake'
    ? slot.kind === 'intake'
    : slot.kind === 'follow-up' || slot.kind === 'intake' || slot.kind === 'warm-handoff';

/**
 * The earliest routine-bookable slots within `withinHours` (the triage fallback, e.g. "BH visit
 * within 72 h"). Only open and released slots are offered: a held warm-handoff slot stays
 * protected until the release job opens it.
 */
export const findEarliestSlots = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  query: {
    withinHours: number;
    visitType: VisitType;
    providerId?: string | undefined;
    limit: number;
  },
): Promise<{ items: Slot[]; until: string }> => {
  await authorizeFor(ctx, 'schedule.read', clinicId, { resourceType: 'slot-list' });
  const clinic = await requireClinic(ctx.deps, clinicId);
  const now = ctx.deps.clock.now();
  const until = new Date(now.getTime() + query.withinHours * 3_600_000);
  const last = clinicDate(until, clinic.timeZone);
  const found: Slot[] = [];
  for (let date = clinicDate(now, clinic.timeZone); date <= last; date = addDays(date, 1)) {
    const day = await wholeClinicDay(ctx.deps, clinicId, date);
    found.push(
      ...day.filter(
        (slot) =>
          (slot.status === 'open' || slot.status === 'released') &&
          fitsVisit(slot, query.visitType) &&
          (query.providerId === undefined || slot.providerId === query.providerId) &&
          new Date(slot.startsAt) >= now &&
          new Date(slot.startsAt) < until,
      ),
    );
    if (found.length >= query.limit) break;
  }
  found.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return { items: found.slice(0, query.limit), until: until.toISOString() };
};

// ----------------------------------------------------------------- templates and settings

const SCHEDULABLE_ROLES = ['bcm', 'pcp', 'psychiatrist'] as const;
type SchedulableRole = (typeof SCHEDULABLE_ROLES)[number];
const isSchedulable = (role: string): role is SchedulableRole =>
  (SCHEDULABLE_ROLES as readonly string[]).includes(role);

const clinicProviders = async (deps: Deps, clinicId: ClinicId) => {
  const providers = (await clinicMemberships(deps, clinicId)).filter((m) => isSchedulable(m.role));
  const users = await Promise.all(providers.map((m) => deps.store.users.get(m.userId)));
  return providers.map((m, i) => ({
    userId: m.userId,
    displayName: users[i]?.displayName ?? m.userId,
    role: m.role as SchedulableRole,
  }));
};

export const listScheduleTemplates = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  query: { providerId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<z.infer<typeof TemplateList>> => {
  await authorizeFor(ctx, 'schedule.configure', clinicId, { resourceType: 'clinic' });
  const [page, providers] = await Promise.all([
    ctx.deps.store.templates.listForClinic(clinicId, query.providerId, {
      limit: query.limit,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    }),
    clinicProviders(ctx.deps, clinicId),
  ]);
  return { ...page, providers };
};

/** Weeks a new template is compared with the provider's other clinics (covers DST changes). */
const OVERLAP_CHECK_DAYS = 7 * 8;

/**
 * Saves a template after the domain rules (grid, within the day, no overlapping blocks) and the
 * one-person-one-place rule: none of its blocks may overlap, in UTC, a block of the same provider
 * in another clinic over the next weeks, whatever the two clinics' zones.
 */
export const saveScheduleTemplate = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  input: Omit<ScheduleTemplate, 'clinicId'>,
): Promise<ScheduleTemplate> => {
  await authorizeFor(ctx, 'schedule.configure', clinicId, { resourceType: 'clinic' });
  const template: ScheduleTemplate = { ...input, clinicId };
  const issues = validateTemplate(template);
  if (issues.length > 0) throw DomainError.validation('The template is not valid', issues);
  const { deps } = ctx;
  const [clinic, providers, others] = await Promise.all([
    requireClinic(deps, clinicId),
    clinicProviders(deps, clinicId),
    deps.store.templates.listForProvider(template.providerId),
  ]);
  if (!providers.some((p) => p.userId === template.providerId)) {
    throw DomainError.validation('Not a provider of this clinic', [
      { field: 'body.providerId', message: 'must be a BCM, PCP or psychiatrist of this clinic' },
    ]);
  }
  const today = clinicDate(deps.clock.now(), clinic.timeZone);
  const from = template.effectiveFrom > today ? template.effectiveFrom : today;
  const sameKey = (t: ScheduleTemplate) =>
    t.clinicId === clinicId &&
    t.weekday === template.weekday &&
    t.effectiveFrom === template.effectiveFrom;
  const byClinic = new Map<string, ScheduleTemplate[]>([[clinicId, [template]]]);
  for (const other of others) {
    if (sameKey(other)) continue;
    byClinic.set(other.clinicId, [...(byClinic.get(other.clinicId) ?? []), other]);
  }
  const zones = new Map<string, string>([[clinicId, clinic.timeZone]]);
  for (const otherId of byClinic.keys()) {
    if (zones.has(otherId)) continue;
    const other = await deps.store.clinics.get(otherId);
    if (other) zones.set(otherId, other.timeZone);
  }
  const slots = [...byClinic.entries()].flatMap(([id, templates]) => {
    const timeZone = zones.get(id);
    return timeZone === undefined
      ? []
      : expandTemplates(templates, { from, days: OVERLAP_CHECK_DAYS, timeZone });
  });
  const clash = findOverlaps(slots).find(
    (o) => (o.first.clinicId === clinicId) !== (o.second.clinicId === clinicId),
  );
  if (clash) {
    const own = clash.first.clinicId === clinicId ? clash.first : clash.second;
    const other = own === clash.first ? clash.second : clash.first;
    const index = template.blocks.findIndex((b) => b.start === own.localStart);
    throw DomainError.conflict('The provider is scheduled in another clinic at that time', [
      {
        field: `body.blocks.${Math.max(index, 0)}.start`,
        message: `overlaps ${other.clinicId} ${other.localStart} (${other.timeZone}) on ${own.localDate}`,
      },
    ]);
  }
  await deps.store.templates.put(template);
  return template;
};

export const getSchedulingSettings = async (
  ctx: RequestContext,
  clinicId: ClinicId,
): Promise<ClinicSchedulingSettings> => {
  await authorizeFor(ctx, 'schedule.configure', clinicId, { resourceType: 'clinic' });
  await requireClinic(ctx.deps, clinicId);
  return ctx.deps.store.templates.getSettings(clinicId);
};

export const saveSchedulingSettings = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  input: z.input<typeof SettingsSchema>,
): Promise<ClinicSchedulingSettings> => {
  await authorizeFor(ctx, 'schedule.configure', clinicId, { resourceType: 'clinic' });
  await requireClinic(ctx.deps, clinicId);
  const settings = SettingsSchema.parse(input);
  if (settings.sessionReasonFrom < settings.sessionCap) {
    throw DomainError.validation('The reason threshold must not come before the cap', [
      { field: 'body.sessionReasonFrom', message: 'must be at least sessionCap' },
    ]);
  }
  await ctx.deps.store.templates.putSettings(clinicId, settings);
  return settings;
};
