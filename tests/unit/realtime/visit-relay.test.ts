import { describe, expect, it } from 'vitest';
import { visitRelayTargets } from '../../../functions/services/realtime';

const visit = {
  status: 'booked' as const,
  meetingId: 'm-1',
  endsAt: '2026-11-23T17:00:00.000Z',
  attendees: [
    { userId: 'provider', attendeeId: 'a-provider' },
    { userId: 'front-desk', attendeeId: 'a-desk' },
  ],
};
const during = new Date('2026-11-23T16:40:00.000Z');
const signal = { meetingId: 'm-1', fromAttendeeId: 'a-provider' };

describe('signal relay for a video visit', () => {
  it('passes a signal between the visit’s recorded attendees only', () => {
    expect(visitRelayTargets(visit, 'provider', signal, during)).toEqual(['front-desk']);
    expect(
      visitRelayTargets(visit, 'provider', { ...signal, toAttendeeId: 'a-desk' }, during),
    ).toEqual(['front-desk']);
    expect(
      visitRelayTargets(visit, 'provider', { ...signal, toAttendeeId: 'a-stranger' }, during),
    ).toBeUndefined();
  });

  it('drops a sender claiming someone else’s attendee id, another meeting, a cancelled or past visit', () => {
    expect(visitRelayTargets(visit, 'front-desk', signal, during)).toBeUndefined();
    expect(
      visitRelayTargets(visit, 'provider', { ...signal, meetingId: 'm-2' }, during),
    ).toBeUndefined();
    expect(
      visitRelayTargets({ ...visit, status: 'cancelled' }, 'provider', signal, during),
    ).toBeUndefined();
    expect(
      visitRelayTargets(visit, 'provider', signal, new Date('2026-11-23T17:00:01.000Z')),
    ).toBeUndefined();
    expect(visitRelayTargets(undefined, 'provider', signal, during)).toBeUndefined();
  });
});
