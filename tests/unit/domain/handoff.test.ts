import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HANDOFF_SETTINGS,
  MAX_HANDOFF_PARTICIPANTS,
  type Handoff,
} from '../../../functions/contracts/handoff';
import type { Disposition } from '../../../functions/contracts/screenings';
import {
  accept,
  addParticipant,
  attachMeeting,
  bothSidesJoined,
  buildFallback,
  cancel,
  decline,
  end,
  expiresAtFor,
  fallBack,
  handoffMetrics,
  markJoined,
  markMeetingDeleted,
  median,
  meetingNeedsDeleting,
  pageSummary,
  patientLabel,
  proposedMinutes,
  recordOutcome,
  sortQueue,
  windowEnded,
} from '../../../functions/domain/handoff';

const T0 = '2026-11-23T16:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

const base = (over: Partial<Handoff> = {}): Handoff => ({
  handoffId: '01JD0000000000000000000001',
  clinicId: 'clinic-a',
  patientId: '01JD0000000000000000000002',
  urgency: 'routine',
  status: 'requested',
  summary: {
    clinicName: 'A',
    clinicTimeZone: 'America/Denver',
    patientLabel: 'Ann B.',
    scores: [],
    safetyFlag: false,
  },
  requestedBy: 'tablet-1',
  participants: [{ userId: 'tablet-1', role: 'tablet', kind: 'patient-device' }],
  requestedAt: T0,
  expiresAt: at(300),
  pagedCount: 0,
  declines: [],
  version: 0,
  ...over,
});

const meeting = {
  provider: 'webrtc-local' as const,
  meetingId: 'm-1',
  attendees: [
    { userId: 'tablet-1', attendeeId: 'a-t' },
    { userId: 'bcm-1', attendeeId: 'a-b' },
  ],
};

describe('paging window', () => {
  it('uses the routine window, and the shorter one for safety', () => {
    const now = new Date(T0);
    expect(expiresAtFor(now, DEFAULT_HANDOFF_SETTINGS, 'routine')).toBe(at(300));
    expect(expiresAtFor(now, DEFAULT_HANDOFF_SETTINGS, 'urgent')).toBe(at(300));
    expect(expiresAtFor(now, DEFAULT_HANDOFF_SETTINGS, 'safety')).toBe(at(120));
    const custom = { ...DEFAULT_HANDOFF_SETTINGS, windowMinutes: 10, safetyWindowMinutes: 3 };
    expect(expiresAtFor(now, custom, 'safety')).toBe(at(180));
  });

  it('has ended exactly at expiresAt, not a millisecond before', () => {
    const h = base();
    expect(windowEnded(h, new Date(Date.parse(h.expiresAt) - 1))).toBe(false);
    expect(windowEnded(h, new Date(h.expiresAt))).toBe(true);
  });
});

describe('queue order', () => {
  it('puts safety before urgent before routine, then the longest waiting first', () => {
    const q = [
      base({ handoffId: 'R-new', urgency: 'routine', requestedAt: at(50) }),
      base({ handoffId: 'U-new', urgency: 'urgent', requestedAt: at(40) }),
      base({ handoffId: 'R-old', urgency: 'routine', requestedAt: at(0) }),
      base({ handoffId: 'S', urgency: 'safety', requestedAt: at(60) }),
      base({ handoffId: 'U-old', urgency: 'urgent', requestedAt: at(10) }),
    ];
    expect(sortQueue(q).map((h) => h.handoffId)).toEqual(['S', 'U-old', 'U-new', 'R-old', 'R-new']);
  });
});

describe('transitions', () => {
  it('accept stamps the time to accept and adds the BCM; a second accept is a clear 409', () => {
    const accepted = accept(base(), 'bcm-1', at(12));
    expect(accepted).toMatchObject({
      status: 'accepted',
      acceptedBy: 'bcm-1',
      acceptedAt: at(12),
      timeToAcceptMs: 12_000,
      version: 1,
    });
    expect(accepted.participants.map((p) => p.kind)).toEqual(['patient-device', 'bcm']);
    expect(() => accept(accepted, 'bcm-2', at(13))).toThrow(
      /already accepted by another clinician/,
    );
    expect(() => accept(accepted, 'bcm-2', at(13))).not.toThrow(/bcm-1/);
  });

  it('connects only when the BCM and the patient side have both joined', () => {
    const live = attachMeeting(accept(base(), 'bcm-1', at(10)), meeting);
    const bcmIn = markJoined(live, 'bcm-1', at(20));
    expect(bcmIn.status).toBe('accepted');
    const both = markJoined(bcmIn, 'tablet-1', at(25));
    expect(both).toMatchObject({
      status: 'connected',
      connectedAt: at(25),
      timeToConnectMs: 25_000,
    });
    // Joining again changes nothing.
    expect(markJoined(both, 'tablet-1', at(30))).toBe(both);
  });

  it('counts the requester as the patient side when no device takes part', () => {
    expect(
      bothSidesJoined([
        { userId: 'pcp', role: 'pcp', kind: 'requester', joinedAt: T0 },
        { userId: 'bcm', role: 'bcm', kind: 'bcm', joinedAt: T0 },
      ]),
    ).toBe(true);
    expect(
      bothSidesJoined([
        { userId: 'pcp', role: 'pcp', kind: 'invited', joinedAt: T0 },
        { userId: 'bcm', role: 'bcm', kind: 'bcm', joinedAt: T0 },
      ]),
    ).toBe(false);
  });

  it('refuses joins from non-participants', () => {
    const live = attachMeeting(accept(base(), 'bcm-1', at(10)), meeting);
    expect(() => markJoined(live, 'stranger', at(11))).toThrow(/participants/);
  });

  it('records a decline once and keeps the request open', () => {
    const once = decline(base(), 'bcm-1', at(5), 'in session');
    expect(once.status).toBe('requested');
    expect(once.declines).toEqual([{ userId: 'bcm-1', at: at(5), reason: 'in session' }]);
    expect(decline(once, 'bcm-1', at(6))).toBe(once);
  });

  it('cancels before connection only', () => {
    expect(cancel(base(), 'pcp', at(3)).status).toBe('cancelled');
    const connected = markJoined(
      markJoined(attachMeeting(accept(base(), 'bcm-1', at(1)), meeting), 'bcm-1', at(2)),
      'tablet-1',
      at(3),
    );
    expect(() => cancel(connected, 'pcp', at(4))).toThrow(/already connected/);
  });

  it('falls back for no answer only while open, for video only right after the accept', () => {
    const fb = buildFallback('no_answer', at(300), undefined, 72, 'routine');
    expect(fallBack(base(), fb).status).toBe('fallback');
    const accepted = accept(base(), 'bcm-1', at(10));
    expect(() => fallBack(accepted, fb)).toThrow(/Cannot fall back/);
    const video = buildFallback('video_unavailable', at(11), undefined, 72, 'routine');
    expect(fallBack(accepted, video).fallback?.reason).toBe('video_unavailable');
  });

  it('limits the call to MAX_HANDOFF_PARTICIPANTS and records the attendee', () => {
    let h = attachMeeting(accept(base(), 'bcm-1', at(1)), meeting);
    h = addParticipant(h, { userId: 'interp', role: 'ma' }, 'a-i');
    expect(h.participants.at(-1)).toEqual({ userId: 'interp', role: 'ma', kind: 'invited' });
    expect(h.meeting?.attendees?.at(-1)).toEqual({ userId: 'interp', attendeeId: 'a-i' });
    while (h.participants.length < MAX_HANDOFF_PARTICIPANTS) {
      h = addParticipant(h, { userId: `p${h.participants.length}`, role: 'pcp' }, 'x');
    }
    expect(() => addParticipant(h, { userId: 'one-more', role: 'pcp' }, 'y')).toThrow(/at most/);
  });

  it('ends, then needs its meeting deleted until marked, then takes one outcome', () => {
    const live = attachMeeting(accept(base(), 'bcm-1', at(1)), meeting);
    const ended = end(live, 'bcm-1', at(400));
    expect(ended).toMatchObject({ status: 'ended', endedAt: at(400), endedBy: 'bcm-1' });
    expect(meetingNeedsDeleting(ended)).toBe(true);
    const cleaned = markMeetingDeleted(ended, at(401));
    expect(meetingNeedsDeleting(cleaned)).toBe(false);
    expect(markMeetingDeleted(cleaned, at(402))).toBe(cleaned);
    expect(() =>
      recordOutcome(live, {
        outcomes: ['brief_intervention'],
        minutes: 5,
        recordedBy: 'bcm-1',
        recordedAt: at(500),
        activityId: '01JD0000000000000000000009',
      }),
    ).toThrow(/after the call has ended/);
    const done = recordOutcome(cleaned, {
      outcomes: ['brief_intervention'],
      minutes: 5,
      recordedBy: 'bcm-1',
      recordedAt: at(500),
      activityId: '01JD0000000000000000000009',
    });
    const outcome = done.outcome;
    if (!outcome) throw new Error('outcome missing');
    expect(() => recordOutcome(done, outcome)).toThrow(/already recorded/);
  });
});

describe('fallback instructions', () => {
  const disposition = (over: Partial<Disposition>): Disposition => ({
    code: 'warm_handoff_today',
    label: 'Warm handoff to behavioral health today',
    urgency: 'urgent',
    pcpSafetyStepsNow: false,
    reasons: ['PHQ-9 16 ≥ 15'],
    ...over,
  });

  it("uses the screening's scheduled disposition", () => {
    const fb = buildFallback(
      'no_answer',
      T0,
      disposition({ followUpWithinHours: 48 }),
      72,
      'urgent',
    );
    expect(fb).toMatchObject({ followUpWithinHours: 48, pcpSafetyStepsNow: false });
    expect(fb.instructions).toContain('within 48 hours');
    expect(fb.instructions).not.toMatch(/Safety first/);
    const days = buildFallback(
      'no_answer',
      T0,
      disposition({ followUpWithinDays: 14 }),
      72,
      'routine',
    );
    expect(days.instructions).toContain('within 14 days');
  });

  it("uses the clinic's urgent rule without a screening, and safety steps for safety urgency", () => {
    const fb = buildFallback('no_answer', T0, undefined, 72, 'safety');
    expect(fb).toMatchObject({ followUpWithinHours: 72, pcpSafetyStepsNow: true });
    expect(fb.instructions).toMatch(/within 72 hours.*Safety first.*988/);
  });

  it('says why: nobody answered, or the video failed', () => {
    expect(buildFallback('no_answer', T0, undefined, 1, 'routine').instructions).toMatch(
      /^No behavioral health clinician .* within 1 hour /,
    );
    expect(buildFallback('video_unavailable', T0, undefined, 72, 'routine').instructions).toMatch(
      /^The video call could not be started/,
    );
  });
});

describe('page summary', () => {
  it('shows given name and family initial, scores, safety flag and disposition label', () => {
    expect(patientLabel({ givenName: 'Marisol', familyName: 'García' })).toBe('Marisol G.');
    const summary = pageSummary({
      clinic: { name: 'Valley', timeZone: 'America/Denver' },
      patient: { givenName: 'Marisol', familyName: 'García' },
      screening: {
        scores: [
          {
            instrument: 'PHQ9',
            answers: [2, 2, 2, 2, 2, 2, 2, 2, 1],
            total: 17,
            maxTotal: 27,
            band: 'moderately_severe',
            bandLabel: 'Moderately severe',
          },
        ],
        flags: [{ code: 'safety_item9', severity: 'critical', message: 'Item 9' }],
        disposition: {
          code: 'warm_handoff_today',
          label: 'Warm handoff today',
          urgency: 'urgent',
          pcpSafetyStepsNow: true,
          reasons: ['x'],
        },
      },
      urgency: 'urgent',
    });
    expect(summary).toEqual({
      clinicName: 'Valley',
      clinicTimeZone: 'America/Denver',
      patientLabel: 'Marisol G.',
      scores: [{ instrument: 'PHQ9', total: 17, bandLabel: 'Moderately severe' }],
      safetyFlag: true,
      dispositionLabel: 'Warm handoff today',
    });
    expect(JSON.stringify(summary)).not.toContain('García');
  });

  it('flags safety urgency even without a screening', () => {
    const s = pageSummary({
      clinic: { name: 'V', timeZone: 'UTC' },
      patient: { givenName: 'Al', familyName: 'B' },
      urgency: 'safety',
    });
    expect(s.safetyFlag).toBe(true);
    expect(s.dispositionLabel).toBeUndefined();
  });
});

describe('metrics and minutes', () => {
  it('takes the median (mean of the middle two for an even count)', () => {
    expect(median([])).toBeUndefined();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(3);
  });

  it('counts outcomes and medians over the handoffs given', () => {
    const m = handoffMetrics('clinic-a', T0, at(10), [
      base({ status: 'fallback' }),
      base({ status: 'cancelled' }),
      base({
        status: 'ended',
        acceptedAt: at(1),
        timeToAcceptMs: 1000,
        connectedAt: at(3),
        timeToConnectMs: 3000,
      }),
      base({ status: 'ended', acceptedAt: at(5), timeToAcceptMs: 5000 }),
    ]);
    expect(m).toEqual({
      clinicId: 'clinic-a',
      from: T0,
      to: at(10),
      requested: 4,
      accepted: 2,
      connected: 1,
      fellBack: 1,
      cancelled: 1,
      medianTimeToAcceptMs: 3000,
      medianTimeToConnectMs: 3000,
    });
  });

  it('proposes whole minutes from connection to end, rounded up, at least one', () => {
    expect(proposedMinutes({ connectedAt: at(0), endedAt: at(61) })).toBe(2);
    expect(proposedMinutes({ connectedAt: at(0), endedAt: at(60) })).toBe(1);
    expect(proposedMinutes({ connectedAt: at(0), endedAt: at(0) })).toBe(1);
    expect(proposedMinutes({ acceptedAt: at(0), endedAt: at(600) })).toBe(10);
  });
});
