import { describe, expect, it } from 'vitest';
import { invoke } from '../../support/api';
import { useTwoClinicApi } from '../../support/api-suite';
import { CLINIC_A, userFor, validSubmission } from '../../support/network';

const suite = useTwoClinicApi();
const admin = userFor('admin');

const defaults = { pcpAddressesFrom: 5, offerBhFrom: 10, warmHandoffFrom: 15 };

const settings = (overrides: Record<string, unknown> = {}) => ({
  phq9: { ...defaults },
  gad7: { ...defaults },
  phq9Item9SafetyFrom: 1,
  offerBhWithinDays: 14,
  urgentWithinHours: 72,
  ...overrides,
});

const publish = (body: unknown, sub = admin) =>
  invoke('publishTriageRules', { sub, params: { clinicId: CLINIC_A }, body });

const read = (sub = admin, query?: Record<string, string>) =>
  invoke('getTriageRules', { sub, params: { clinicId: CLINIC_A }, query });

const currentVersion = async () =>
  (await suite.deps.store.clinics.get(CLINIC_A))?.triageRuleVersion;

/** PHQ-9 total 11 with item 9 = 0; GAD-7 total 7. */
const PHQ9_TOTAL_11 = [2, 2, 2, 1, 1, 1, 1, 1, 0];

const screen = () =>
  invoke('submitScreening', {
    sub: userFor('ma'),
    params: { clinicId: CLINIC_A, patientId: suite.patientA },
    body: validSubmission(PHQ9_TOTAL_11),
  });

describe('clinic admins publish versioned triage rules', () => {
  it('a new version decides later screenings; earlier results keep theirs', async () => {
    const before = await screen();
    expect(before.status).toBe(201);
    expect(before.body).toMatchObject({
      triageRuleVersion: 1,
      triageInputs: { phq9Total: 11 },
      disposition: { code: 'offer_bh' },
    });

    const reply = await publish({
      expectedVersion: 1,
      ...settings({ phq9: { pcpAddressesFrom: 5, offerBhFrom: 12, warmHandoffFrom: 15 } }),
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({
      clinicId: CLINIC_A,
      version: 2,
      createdBy: admin,
      phq9: { offerBhFrom: 12 },
    });
    expect(await currentVersion()).toBe(2);

    const after = await screen();
    expect(after.status).toBe(201);
    expect(after.body).toMatchObject({
      triageRuleVersion: 2,
      disposition: { code: 'pcp_addresses' },
    });
    const stored = await suite.deps.store.screenings.get(
      CLINIC_A,
      suite.patientA,
      String(after.body.screeningId),
    );
    expect(stored?.triageRuleVersion).toBe(2);
    expect(stored?.disposition.code).toBe('pcp_addresses');

    const earlier = await suite.deps.store.screenings.get(
      CLINIC_A,
      suite.patientA,
      String(before.body.screeningId),
    );
    expect(earlier?.triageRuleVersion).toBe(1);
    expect(earlier?.disposition.code).toBe('offer_bh');
  });

  it('refuses thresholds that do not increase, naming each field, and writes nothing', async () => {
    const version = await currentVersion();
    const history = await suite.deps.store.clinics.listTriageRuleVersions(CLINIC_A, { limit: 100 });
    const reply = await publish({
      expectedVersion: version,
      ...settings({
        phq9: { pcpAddressesFrom: 5, offerBhFrom: 5, warmHandoffFrom: 15 },
        gad7: { pcpAddressesFrom: 10, offerBhFrom: 12, warmHandoffFrom: 11 },
        phq9Item9SafetyFrom: 3,
      }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('validation_failed');
    expect(reply.body.error?.fields?.map((f) => f.field).sort()).toEqual([
      'body.gad7.warmHandoffFrom',
      'body.phq9.offerBhFrom',
    ]);
    const tooHigh = await publish({
      expectedVersion: version,
      ...settings({ gad7: { pcpAddressesFrom: 5, offerBhFrom: 10, warmHandoffFrom: 22 } }),
    });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error?.fields?.map((f) => f.field)).toEqual(['body.gad7.warmHandoffFrom']);
    const badShape = await publish({ expectedVersion: version, ...settings({ phq9: {} }) });
    expect(badShape.status).toBe(400);
    expect(badShape.body.error?.fields?.map((f) => f.field)).toContain('body.phq9.offerBhFrom');

    expect(await currentVersion()).toBe(version);
    const unchanged = await suite.deps.store.clinics.listTriageRuleVersions(CLINIC_A, {
      limit: 100,
    });
    expect(unchanged.items).toEqual(history.items);
  });

  it('lets one of two publishes from the same version win; the other is a 409', async () => {
    const version = (await currentVersion()) ?? 0;
    const replies = await Promise.all([
      publish({ expectedVersion: version, ...settings({ offerBhWithinDays: 10 }) }),
      publish({ expectedVersion: version, ...settings({ offerBhWithinDays: 21 }) }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = replies.find((r) => r.status === 409);
    expect(lost?.body.error?.code).toBe('conflict');
    expect(lost?.body.error?.fields?.map((f) => f.field)).toEqual(['body.expectedVersion']);
    const won = replies.find((r) => r.status === 200);
    expect(await currentVersion()).toBe(version + 1);
    const stored = await suite.deps.store.clinics.getTriageRules(CLINIC_A, version + 1);
    expect(stored?.offerBhWithinDays).toBe(won?.body.offerBhWithinDays);

    // A stale expectedVersion is refused the same way, without a race.
    const stale = await publish({ expectedVersion: version, ...settings() });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.fields?.[0]?.field).toBe('body.expectedVersion');
  });

  it('lists the versions newest first, with the current rule set, to every member', async () => {
    const version = (await currentVersion()) ?? 0;
    const reply = await read(userFor('pcp'));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ current: { clinicId: CLINIC_A, version } });
    const versions = reply.body.versions as { version: number; createdBy: string }[];
    expect(versions.map((v) => v.version)).toEqual(
      Array.from({ length: version }, (_, i) => version - i),
    );
    expect(versions[0]?.createdBy).toBe(admin);
    expect(versions.at(-1)?.createdBy).toBe('seed');

    const first = await read(admin, { limit: '1' });
    expect((first.body.versions as { version: number }[]).map((v) => v.version)).toEqual([version]);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await read(admin, { limit: '1', cursor: String(first.body.nextCursor) });
    expect((second.body.versions as { version: number }[]).map((v) => v.version)).toEqual([
      version - 1,
    ]);
  });

  it('refuses to let anyone but the clinic admin publish', async () => {
    const version = await currentVersion();
    for (const role of ['pcp', 'ma', 'bcm', 'psychiatrist', 'tablet'] as const) {
      const reply = await publish({ expectedVersion: version, ...settings() }, userFor(role));
      expect(reply.status).toBe(403);
      expect(reply.body.error?.code).toBe('forbidden');
    }
    const outsider = await publish({ expectedVersion: version, ...settings() }, 'user-pcp-b');
    expect(outsider.status).toBe(404);
    expect(await currentVersion()).toBe(version);
  });
});
