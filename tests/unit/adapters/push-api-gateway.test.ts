import {
  ApiGatewayManagementApiClient,
  ForbiddenException,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiGatewayPush } from '../../../functions/adapters/push/api-gateway';
import type { ServerMessage } from '../../../functions/contracts/realtime';
import { logger } from '../../../functions/platform/logger';

const management = mockClient(ApiGatewayManagementApiClient);
const client = new ApiGatewayManagementApiClient({
  endpoint: 'https://abc.execute-api.us-east-1.amazonaws.com/live',
  region: 'us-east-1',
});
const push = createApiGatewayPush(client);
const pong: ServerMessage = { type: 'pong', at: '2026-11-23T16:00:00.000Z' };

const decoded = (data: unknown) =>
  JSON.parse(new TextDecoder().decode(data as Uint8Array)) as unknown;

beforeEach(() => {
  management.reset();
  vi.restoreAllMocks();
});

describe('API Gateway push adapter', () => {
  it('posts the JSON message once to each connection', async () => {
    management.on(PostToConnectionCommand).resolves({});
    const result = await push.send(['c1', 'c2'], pong);
    expect(result).toEqual({ gone: [] });
    expect(management).toHaveReceivedCommandTimes(PostToConnectionCommand, 2);
    const calls = management.commandCalls(PostToConnectionCommand);
    expect(calls.map((c) => c.args[0].input.ConnectionId).sort()).toEqual(['c1', 'c2']);
    for (const call of calls) expect(decoded(call.args[0].input.Data)).toEqual(pong);
  });

  it('reports closed connections (410 Gone) and keeps delivering to the rest', async () => {
    management.on(PostToConnectionCommand).resolves({});
    management
      .on(PostToConnectionCommand, { ConnectionId: 'stale' })
      .rejects(new GoneException({ message: 'gone', $metadata: {} }));
    const result = await push.send(['live', 'stale'], pong);
    expect(result).toEqual({ gone: ['stale'] });
    expect(management).toHaveReceivedCommandWith(PostToConnectionCommand, { ConnectionId: 'live' });
  });

  it('logs other failures without the message and does not throw', async () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    management
      .on(PostToConnectionCommand)
      .rejects(new ForbiddenException({ message: 'patient Marisol G.', $metadata: {} }));
    const paged: ServerMessage = {
      type: 'safety.alert',
      clinicId: 'clinic-a',
      patientId: '01JDB0000000000000000000AA',
      screeningId: '01JDB0000000000000000000AB',
      patientLabel: 'Marisol G.',
      message: 'PHQ-9 item 9 positive',
      at: '2026-11-23T16:00:00.000Z',
    };
    await expect(push.send(['c1'], paged)).resolves.toEqual({ gone: [] });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/Marisol|PHQ/);
    expect(JSON.stringify(warn.mock.calls)).toContain('ForbiddenException');
  });

  it('sends in parallel, not one after another', async () => {
    let inFlight = 0;
    let peak = 0;
    management.on(PostToConnectionCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight -= 1;
      return {};
    });
    await push.send(['a', 'b', 'c', 'd'], pong);
    expect(peak).toBe(4);
  });
});
