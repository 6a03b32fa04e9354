import { describe, expect, it } from 'vitest';
import type { RecordingPush } from '../../support/recording-push';
import { invoke } from '../../support/api';
import { useTwoClinicApi } from '../../support/api-suite';
import { CLINIC_A, NOW, userFor, validSubmission } from '../../support/network';

const api = useTwoClinicApi();
const pushed = () => api.deps.push as RecordingPush;

const connect = (connectionId: string, userId: string) =>
  api.deps.store.connections.put({
    connectionId,
    userId,
    connectedAt: NOW.toISOString(),
    // The repository drops expired connections by the real clock, not the test's fixed NOW.
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });

describe('real-time PCP alert on a positive suicide-risk item', () => {
  it('pushes a safety alert to the clinic PCP only, once per submission', async () => {
    await connect('conn-pcp', userFor('pcp'));
    await connect('conn-ma', userFor('ma'));
    const before = pushed().sent.length;
    const submission = {
      ...validSubmission([1, 1, 1, 1, 1, 1, 1, 1, 1]),
      submissionId: '7d3f0c1e-1f7e-4d55-9a43-0b0b6a7d2a11',
    };
    const first = await invoke('submitScreening', {
      sub: userFor('tablet'),
      params: { clinicId: CLINIC_A, patientId: api.patientA },
      body: submission,
    });
    expect(first.status).toBe(201);
    const alerts = pushed().sent.slice(before);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.connectionIds).toEqual(['conn-pcp']);
    expect(alerts[0]?.message).toMatchObject({
      type: 'safety.alert',
      clinicId: CLINIC_A,
      patientId: api.patientA,
      patientLabel: 'Test A.',
    });

    // The tablet retries after a dropped connection: same result, no second alert.
    const retry = await invoke('submitScreening', {
      sub: userFor('tablet'),
      params: { clinicId: CLINIC_A, patientId: api.patientA },
      body: submission,
    });
    expect(retry.status).toBe(201);
    expect(pushed().sent.slice(before)).toHaveLength(1);
  });

  it('sends nothing when item 9 is zero', async () => {
    const before = pushed().sent.length;
    const result = await invoke('submitScreening', {
      sub: userFor('tablet'),
      params: { clinicId: CLINIC_A, patientId: api.patientA },
      body: validSubmission([2, 2, 2, 2, 2, 2, 2, 2, 0]),
    });
    expect(result.status).toBe(201);
    expect(pushed().sent.slice(before)).toHaveLength(0);
  });

  it('alerts on a C-SSRS high risk even with item 9 at zero, saying the patient stays', async () => {
    await connect('conn-pcp', userFor('pcp'));
    const before = pushed().sent.length;
    const result = await invoke('submitScreening', {
      sub: userFor('tablet'),
      params: { clinicId: CLINIC_A, patientId: api.patientA },
      body: {
        language: 'en',
        responses: [
          {
            instrument: 'CSSRS',
            answers: { 'cssrs.1': 0, 'cssrs.2': 0, 'cssrs.6': 1, 'cssrs.6b': 1 },
          },
        ],
      },
    });
    expect(result.status).toBe(201);
    const alerts = pushed().sent.slice(before);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.message).toMatchObject({
      type: 'safety.alert',
      message: expect.stringContaining('stays with staff') as unknown,
    });
  });
});
