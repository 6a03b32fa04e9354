import { describe, expect, it } from 'vitest';
import { invoke } from '../../support/api';
import { useTwoClinicApi } from '../../support/api-suite';
import { CLINIC_A, userFor } from '../../support/network';

const api = useTwoClinicApi();
const params = { clinicId: CLINIC_A };

describe('warm-handoff settings', () => {
  it('start at the defaults, are set by the admin, and shape the next request window', async () => {
    const before = await invoke('getHandoffSettings', { sub: userFor('pcp'), params });
    expect(before.body).toEqual({
      windowMinutes: 5,
      safetyWindowMinutes: 2,
      mediaRegion: 'us-west-2',
    });

    const put = await invoke('putHandoffSettings', {
      sub: userFor('admin'),
      params,
      body: { windowMinutes: 8, safetyWindowMinutes: 3, mediaRegion: 'us-east-2' },
    });
    expect(put.status).toBe(200);
    const clinic = await api.deps.store.clinics.get(CLINIC_A);
    expect(clinic?.handoff).toEqual({
      windowMinutes: 8,
      safetyWindowMinutes: 3,
      mediaRegion: 'us-east-2',
    });
    // Only the one attribute changed: the clinic's triage rule version is untouched.
    expect(clinic?.triageRuleVersion).toBe(1);

    const request = await invoke('requestHandoff', {
      sub: userFor('pcp'),
      params,
      body: { patientId: api.patientA, urgency: 'routine' },
    });
    expect(request.status).toBe(201);
    const handoff = request.body as { requestedAt: string; expiresAt: string };
    expect(Date.parse(handoff.expiresAt) - Date.parse(handoff.requestedAt)).toBe(8 * 60_000);
  });

  it('refuses a safety window longer than the routine one, and a region off the list, naming the field', async () => {
    const longer = await invoke('putHandoffSettings', {
      sub: userFor('admin'),
      params,
      body: { windowMinutes: 3, safetyWindowMinutes: 4, mediaRegion: 'us-west-2' },
    });
    expect(longer.status).toBe(400);
    expect(longer.body.error?.fields?.map((f) => f.field)).toEqual(['body.safetyWindowMinutes']);
    const region = await invoke('putHandoffSettings', {
      sub: userFor('admin'),
      params,
      body: { windowMinutes: 5, safetyWindowMinutes: 2, mediaRegion: 'eu-west-1' },
    });
    expect(region.status).toBe(400);
    expect(region.body.error?.fields?.map((f) => f.field)).toEqual(['body.mediaRegion']);
    const clinic = await api.deps.store.clinics.get(CLINIC_A);
    expect(clinic?.handoff?.windowMinutes).toBe(8);
  });

  it('is the admin’s to change', async () => {
    const reply = await invoke('putHandoffSettings', {
      sub: userFor('pcp'),
      params,
      body: { windowMinutes: 5, safetyWindowMinutes: 2, mediaRegion: 'us-west-2' },
    });
    expect(reply.status).toBe(403);
  });
});
