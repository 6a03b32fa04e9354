import { createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../../functions/handlers/ws/authorize';
import { createLocalIdentity } from '../../../functions/local/identity';
import { messageText, WsEvent } from '../../../functions/platform/ws';
import { relayTargets } from '../../../functions/services/realtime';

const connectEvent = {
  requestContext: {
    connectionId: 'Lx1=',
    routeKey: '$connect',
    eventType: 'CONNECT',
    requestId: 'r1',
    authorizer: { principalId: 'user-bcm', sub: 'user-bcm', integrationLatency: 12 },
  },
  isBase64Encoded: false,
};

describe('WebSocket event parsing', () => {
  it('reads the connection, route and the authorizer context', () => {
    const event = WsEvent.parse(connectEvent);
    expect(event.requestContext.authorizer?.sub).toBe('user-bcm');
    expect(event.requestContext.eventType).toBe('CONNECT');
  });

  it('refuses events without a connection id or with an unknown event type', () => {
    expect(WsEvent.safeParse({ requestContext: { routeKey: '$default' } }).success).toBe(false);
    const bad = {
      ...connectEvent,
      requestContext: { ...connectEvent.requestContext, eventType: 'X' },
    };
    expect(WsEvent.safeParse(bad).success).toBe(false);
  });

  it('decodes base64 message bodies', () => {
    const body = Buffer.from('{"action":"heartbeat"}').toString('base64');
    const event = WsEvent.parse({ ...connectEvent, body, isBase64Encoded: true });
    expect(messageText(event)).toBe('{"action":"heartbeat"}');
  });
});

describe('signal relay rules', () => {
  const meeting = {
    provider: 'webrtc-local' as const,
    meetingId: 'm1',
    attendees: [
      { userId: 'tablet', attendeeId: 'a-tablet' },
      { userId: 'bcm', attendeeId: 'a-bcm' },
      { userId: 'pcp', attendeeId: 'a-pcp' },
    ],
  };
  const live = { status: 'connected' as const, meeting };
  const signal = { meetingId: 'm1', fromAttendeeId: 'a-bcm' };

  it('sends to one named attendee, or to every other attendee when none is named', () => {
    expect(relayTargets(live, 'bcm', { ...signal, toAttendeeId: 'a-tablet' })).toEqual(['tablet']);
    expect(relayTargets(live, 'bcm', signal)).toEqual(['tablet', 'pcp']);
  });

  it('drops a sender posing as another attendee or a stranger', () => {
    expect(relayTargets(live, 'pcp', signal)).toBeUndefined();
    expect(relayTargets(live, 'stranger', { ...signal, fromAttendeeId: 'a-x' })).toBeUndefined();
  });

  it('drops targets outside the meeting, the sender itself, and other meetings', () => {
    expect(relayTargets(live, 'bcm', { ...signal, toAttendeeId: 'a-x' })).toBeUndefined();
    expect(relayTargets(live, 'bcm', { ...signal, toAttendeeId: 'a-bcm' })).toBeUndefined();
    expect(relayTargets(live, 'bcm', { ...signal, meetingId: 'm2' })).toBeUndefined();
    expect(relayTargets(undefined, 'bcm', signal)).toBeUndefined();
  });

  it('drops signals once the call is over or its meeting deleted', () => {
    expect(relayTargets({ ...live, status: 'ended' }, 'bcm', signal)).toBeUndefined();
    const deleted = { ...live, meeting: { ...meeting, deletedAt: '2026-11-23T16:00:00.000Z' } };
    expect(relayTargets(deleted, 'bcm', signal)).toBeUndefined();
    expect(relayTargets({ ...live, status: 'accepted' }, 'bcm', signal)).toEqual(['tablet', 'pcp']);
  });
});

describe('$connect authorizer', () => {
  const user = {
    userId: 'user-bcm',
    username: 'bcm',
    email: 'bcm@x.invalid',
    displayName: 'B',
    title: 'BCM',
    groups: ['bcm' as const],
  };
  const setup = async () => {
    const identity = await createLocalIdentity('https://issuer.test');
    const authorize = createAuthorizer({
      keys: createLocalJWKSet(identity.jwks()),
      issuer: identity.issuer,
      audience: identity.audience,
    });
    return { identity, authorize };
  };
  const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:abc/live/$connect';

  it('allows a valid ID token with the user as principal and context', async () => {
    const { identity, authorize } = await setup();
    const { idToken } = await identity.issueIdToken(user);
    const result = await authorize({ methodArn, queryStringParameters: { token: idToken } });
    expect(result.principalId).toBe('user-bcm');
    expect(result.context).toEqual({ sub: 'user-bcm' });
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn },
    ]);
  });

  it('answers Unauthorized for a missing, forged or foreign token', async () => {
    const { authorize } = await setup();
    const other = await createLocalIdentity('https://issuer.test');
    const { idToken: forged } = await other.issueIdToken(user);
    await expect(authorize({ methodArn })).rejects.toThrow(/^Unauthorized$/);
    await expect(
      authorize({ methodArn, queryStringParameters: { token: forged } }),
    ).rejects.toThrow(/^Unauthorized$/);
    await expect(authorize({ queryStringParameters: { token: 'x' } })).rejects.toThrow(
      /^Unauthorized$/,
    );
  });
});
