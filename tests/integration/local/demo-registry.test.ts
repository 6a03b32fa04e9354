/**
 * The demo seed's registry, seeded into a fresh DynamoDB Local table the way `npm start` does:
 * every caseload flag is on show, the rows read back through the same index queries the views
 * use, and the seeded minutes never double-book one person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareActivity } from '../../../functions/contracts/activities';
import type { Episode, RegistryFlagKind } from '../../../functions/contracts/registry';
import { toEpisodeView } from '../../../functions/domain/registry/episode';
import { demoUsers } from '../../../functions/local/demo-network';
import { demoEpisodes } from '../../../functions/local/demo-episodes';
import { seedDemoNetwork } from '../../../functions/local/seed';
import type { ClinicConfig } from '../../../functions/ports/registry';
import { freshTable, type FreshTable } from '../../support/dynamodb';

const NOW = new Date('2026-11-18T19:30:00.000Z');
const id = (username: string) => demoUsers.find((u) => u.username === username)?.userId ?? '';

let table: FreshTable;
let configs: Map<string, ClinicConfig>;
let caseload: Episode[];
let activeCount: number;

beforeAll(async () => {
  table = await freshTable();
  expect(await seedDemoNetwork(table.store, NOW)).toBe(true);
  const page = await table.store.episodes.listCaseload(id('bcm.reyes'), { limit: 100 });
  caseload = page.items;
  activeCount = page.activeCount;
  configs = await table.store.clinicConfigs.getConfigs([
    'pine-ridge',
    'sage-valley',
    'prairie-creek',
  ]);
}, 120_000);

afterAll(async () => {
  await table.drop();
});

const viewOf = (episode: Episode) => {
  const config = configs.get(episode.clinicId);
  if (!config) throw new Error(`no config for ${episode.clinicId}`);
  return toEpisodeView(episode, config, NOW);
};
const flagsByMrn = (episodes: Episode[]) =>
  Object.fromEntries(
    episodes.map((e) => [
      e.patient.mrn,
      viewOf(e)
        .flags.map((f) => f.kind)
        .sort(),
    ]),
  );

describe('demo registry seed', () => {
  it("puts the active episodes in bcm.reyes's caseload with the counter matching", () => {
    const expected = demoEpisodes.filter((d) => d.bcm === 'bcm.reyes' && !d.discharge);
    expect(caseload.map((e) => e.patient.mrn).sort()).toEqual(expected.map((d) => d.mrn).sort());
    expect(activeCount).toBe(expected.length);
  });

  it('shows every flag the demo is meant to show, and only those, per patient', () => {
    const expected = Object.fromEntries(
      demoEpisodes
        .filter((d) => d.bcm === 'bcm.reyes' && !d.discharge)
        .map((d) => [d.mrn, [...d.expectFlags].sort()]),
    );
    expect(flagsByMrn(caseload)).toEqual(expected);
    const shown = new Set(caseload.flatMap((e) => viewOf(e).flags.map((f) => f.kind)));
    const required: RegistryFlagKind[] = [
      'safety',
      'new',
      'not_improving',
      'review_requested',
      'contact_overdue',
      'sessions_near_cap',
      'relapse_plan_due',
      'lapsed',
    ];
    for (const kind of required) expect(shown, kind).toContain(kind);
  });

  it('has a not-improving patient in sage-valley at 8+ weeks, PHQ-9 ≥ 10 and under 50% drop', () => {
    const episode = caseload.find(
      (e) =>
        e.clinicId === 'sage-valley' && viewOf(e).flags.some((f) => f.kind === 'not_improving'),
    );
    if (!episode) throw new Error('no not-improving sage-valley patient');
    const view = viewOf(episode);
    expect(view.weeksInTreatment).toBeGreaterThanOrEqual(8);
    const latest = view.latest.phq9?.score ?? 0;
    expect(latest).toBeGreaterThanOrEqual(10);
    expect(latest).toBeGreaterThan(0.5 * (episode.baseline.phq9?.score ?? 0));
  });

  it('builds measures from the seeded screenings and minutes from the activities', () => {
    for (const episode of caseload) {
      expect(episode.baseline.phq9, episode.patient.mrn).toBeDefined();
      expect(episode.measures.length).toBeGreaterThan(0);
      const minutes = Object.values(episode.minutesByMonth).reduce((a, b) => a + b, 0);
      expect(minutes > 0, episode.patient.mrn).toBe(episode.lastServiceAt !== undefined);
    }
  });

  it('keeps a discharged episode out of the caseload and the panel but in the clinic list', async () => {
    const panel = await table.store.episodes.listPanel(id('dr.okafor'), { limit: 100 });
    expect(panel.items.some((e) => e.status !== 'active')).toBe(false);
    expect(panel.items.length).toBe(demoEpisodes.filter((d) => !d.discharge).length);
    const clinic = await table.store.episodes.listForClinic('prairie-creek', { limit: 100 });
    const discharged = clinic.items.find((e) => e.status === 'discharged');
    expect(discharged?.discharge?.reason).toBe('goals_met');
    expect(discharged?.relapsePlan).toBeDefined();
    expect(viewOf(discharged as Episode).flags).toEqual([]);
  });

  it("fills the PCPs' inboxes: open recommendations, one overdue", async () => {
    const inboxes = await Promise.all(
      ['dr.hale', 'dr.castillo', 'dr.lindqvist'].map((u) =>
        table.store.recommendations.listInbox(id(u), 'open', { limit: 50 }),
      ),
    );
    const open = inboxes.flatMap((p) => p.items);
    expect(open.map((r) => r.status).sort()).toEqual(['acknowledged', 'sent', 'sent']);
    const all = await table.store.recommendations.listInbox(id('dr.castillo'), 'all', {
      limit: 50,
    });
    expect(all.items.map((r) => r.status).sort()).toEqual(['implemented', 'sent']);
  });

  it("never overlaps one person's seeded activities", async () => {
    for (const user of ['bcm.reyes', 'bcm.whitfield', 'dr.okafor']) {
      const activities = await table.store.activities.listForPerformerBetween(
        id(user),
        '2020-01-01T00:00:00.000Z',
        NOW.toISOString(),
      );
      expect(activities.length, user).toBeGreaterThan(0);
      const sorted = [...activities].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
      const end = (a: CareActivity) => new Date(a.occurredAt).getTime() + a.minutes * 60_000;
      for (let i = 1; i < sorted.length; i += 1) {
        const [prev, cur] = [sorted[i - 1], sorted[i]] as [CareActivity, CareActivity];
        expect(
          new Date(cur.occurredAt).getTime(),
          `${user} ${cur.occurredAt}`,
        ).toBeGreaterThanOrEqual(end(prev));
      }
    }
  });
});
