import { describe, expect, it } from 'vitest';
import { sessionRelayTargets } from '../../../functions/services/realtime';

const session = {
  meetingId: 'm-review',
  startedAt: '2026-11-23T16:00:00.000Z',
  meetingAttendees: [
    { userId: 'psychiatrist', attendeeId: 'a-psy' },
    { userId: 'bcm-1', attendeeId: 'a-bcm-1' },
    { userId: 'bcm-2', attendeeId: 'a-bcm-2' },
  ],
};
const during = new Date('2026-11-23T16:20:00.000Z');
const signal = { meetingId: 'm-review', fromAttendeeId: 'a-psy' };

describe('signal relay for a case-review session', () => {
  it('passes a signal to every other recorded attendee, or to the one named', () => {
    expect(sessionRelayTargets(session, 'psychiatrist', signal, during)).toEqual([
      'bcm-1',
      'bcm-2',
    ]);
    expect(
      sessionRelayTargets(session, 'psychiatrist', { ...signal, toAttendeeId: 'a-bcm-2' }, during),
    ).toEqual(['bcm-2']);
    expect(
      sessionRelayTargets(
        session,
        'bcm-1',
        { ...signal, fromAttendeeId: 'a-bcm-1', toAttendeeId: 'a-psy' },
        during,
      ),
    ).toEqual(['psychiatrist']);
  });

  it('drops a stranger target, a sender posing as another attendee, and a sender who never joined', () => {
    expect(
      sessionRelayTargets(session, 'psychiatrist', { ...signal, toAttendeeId: 'a-x' }, during),
    ).toBeUndefined();
    expect(sessionRelayTargets(session, 'bcm-1', signal, during)).toBeUndefined();
    expect(
      sessionRelayTargets(session, 'bcm-3', { ...signal, fromAttendeeId: 'a-bcm-3' }, during),
    ).toBeUndefined();
    expect(
      sessionRelayTargets(
        { ...session, meetingAttendees: undefined },
        'psychiatrist',
        signal,
        during,
      ),
    ).toBeUndefined();
  });

  it('drops signals of another meeting, an ended or never started session, or a call past 24 h', () => {
    expect(
      sessionRelayTargets(session, 'psychiatrist', { ...signal, meetingId: 'm-other' }, during),
    ).toBeUndefined();
    expect(
      sessionRelayTargets({ ...session, meetingId: undefined }, 'psychiatrist', signal, during),
    ).toBeUndefined();
    expect(
      sessionRelayTargets(
        { ...session, endedAt: '2026-11-23T16:10:00.000Z' },
        'psychiatrist',
        signal,
        during,
      ),
    ).toBeUndefined();
    expect(
      sessionRelayTargets({ ...session, startedAt: undefined }, 'psychiatrist', signal, during),
    ).toBeUndefined();
    expect(
      sessionRelayTargets(session, 'psychiatrist', signal, new Date('2026-11-24T16:00:00.001Z')),
    ).toBeUndefined();
    expect(
      sessionRelayTargets(session, 'psychiatrist', signal, new Date('2026-11-24T15:59:59.000Z')),
    ).toEqual(['bcm-1', 'bcm-2']);
    expect(sessionRelayTargets(undefined, 'psychiatrist', signal, during)).toBeUndefined();
  });
});
