/**
 * Template assertions for the paging socket and the handoff jobs: the socket's routes and $connect
 * authorizer (main stack: API and stage; nested stack: routes and functions), push and Chime
 * grants only where the route table asks for them, the meeting-ended rule and the sweep schedule.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { Template as Templates } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteSpec } from '../../functions/contracts/api';
import { CHIME_MEETING_ACTIONS } from '../../infra/constructs/realtime-grants';
import {
  allowedActions,
  buildTestApp,
  onlyResource,
  refId,
  resourcesOf,
  routeFunctionIn,
  type CfnResource,
} from './support';

let main: Template;
let nested: Template;
/** The HTTP route functions' nested stacks. */
let routeStacks: Template[];
beforeAll(() => {
  const { stack } = buildTestApp();
  main = Templates.fromStack(stack);
  nested = Templates.fromStack(stack.realtime.handlers);
  routeStacks = [...stack.api.routeStacks.values()].map((s) => Templates.fromStack(s));
});

const json = (value: unknown) => JSON.stringify(value);
const routeList: RouteSpec[] = Object.values(routes);
const variables = (fn: CfnResource) =>
  (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const fnByDescription = (template: Template, description: string): CfnResource => {
  const found = resourcesOf(template, 'AWS::Lambda::Function').find(
    ([, fn]) => fn.Properties.Description === description,
  );
  if (!found) throw new Error(`no function ${description}`);
  return found[1];
};
/** Statements of the inline policies attached to the function's role. */
const statementsOf = (template: Template, fn: CfnResource) =>
  resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, p]) =>
      ((p.Properties.Roles ?? []) as unknown[]).some((r) => refId(r) === refId(fn.Properties.Role)),
    )
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: unknown[] }).Statement);

describe('paging socket', () => {
  it('is a WebSocket API with a throttled, access-logged stage that never logs the token', () => {
    const [apiId] = resourcesOf(main, 'AWS::ApiGatewayV2::Api').find(
      ([, api]) => api.Properties.ProtocolType === 'WEBSOCKET',
    ) ?? [''];
    const [, stage] = resourcesOf(main, 'AWS::ApiGatewayV2::Stage').find(
      ([, s]) => refId(s.Properties.ApiId) === apiId,
    ) ?? ['', undefined];
    expect(stage?.Properties).toMatchObject({
      StageName: 'live',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    const format = (stage?.Properties.AccessLogSettings as { Format: string }).Format;
    expect(format).toContain('$context.connectionId');
    expect(format).not.toMatch(/querystring|body/i);
  });

  it('authorizes $connect with the ID token from the query string; other routes ride on it', () => {
    const [authorizerId, authorizer] = onlyResource(nested, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.token'],
    });
    expect(json(authorizer.Properties.AuthorizerUri)).toContain('AuthorizeFunction');
    const byKey = new Map(
      resourcesOf(nested, 'AWS::ApiGatewayV2::Route').map(([, r]) => [
        r.Properties.RouteKey as string,
        r.Properties,
      ]),
    );
    expect([...byKey.keys()].sort()).toEqual(['$connect', '$default', '$disconnect']);
    expect(byKey.get('$connect')).toMatchObject({ AuthorizationType: 'CUSTOM' });
    expect(refId(byKey.get('$connect')?.AuthorizerId)).toBe(authorizerId);
    const authorize = fnByDescription(nested, 'Realtime Authorize');
    expect(Object.keys(variables(authorize))).toEqual(
      expect.arrayContaining(['COGNITO_ISSUER', 'COGNITO_CLIENT_ID']),
    );
    expect(variables(authorize).TABLE_NAME).toBeUndefined();
  });
});

describe('grants', () => {
  it('gives push only to functions that push, scoped to the stage POST @connections', () => {
    for (const route of routeList) {
      const { template: home, fn } = routeFunctionIn(routeStacks, route.method, route.path);
      const pushes = route.pushes === true;
      expect(variables(fn).WS_MANAGEMENT_ENDPOINT !== undefined, route.path).toBe(pushes);
      const statements = statementsOf(home, fn).filter((s) =>
        json(s).includes('execute-api:ManageConnections'),
      );
      expect(statements.length, route.path).toBe(pushes ? 1 : 0);
      for (const statement of statements)
        expect(json(statement)).toContain('/live/POST/@connections/*');
    }
    for (const name of ['Connect', 'Disconnect', 'Authorize']) {
      const fn = fnByDescription(nested, `Realtime ${name}`);
      expect(allowedActions(nested, refId(fn.Properties.Role) ?? '')).not.toContain(
        'execute-api:ManageConnections',
      );
    }
    const message = fnByDescription(nested, 'Realtime Message');
    expect(allowedActions(nested, refId(message.Properties.Role) ?? '')).toContain(
      'execute-api:ManageConnections',
    );
  });

  it('gives the Chime meeting actions only to meeting routes and the jobs, on meeting ARNs', () => {
    const check = (template: Template, fn: CfnResource, expected: boolean, label: string) => {
      const chime = statementsOf(template, fn).filter((s) => json(s).includes('chime:'));
      expect(chime.length, label).toBe(expected ? 1 : 0);
      expect(variables(fn).MEETINGS_PROVIDER, label).toBe(expected ? 'chime' : undefined);
      for (const statement of chime as { Action: string[]; Resource: unknown }[]) {
        expect([...statement.Action].sort()).toEqual([...CHIME_MEETING_ACTIONS].sort());
        expect(json(statement.Resource)).toContain(':meeting/*');
      }
    };
    for (const route of routeList) {
      const { template: home, fn } = routeFunctionIn(routeStacks, route.method, route.path);
      check(home, fn, route.meetings === true, route.path);
    }
    for (const name of ['SweepHandoffs', 'ReconcileMeeting']) {
      check(nested, fnByDescription(nested, `Realtime ${name}`), true, name);
    }
    check(nested, fnByDescription(nested, 'Realtime Message'), false, 'message');
  });
});

describe('handoff jobs', () => {
  it('reconciles on Chime meeting-ended events, with retries and a dead-letter queue', () => {
    const [, rule] = onlyResource(nested, 'AWS::Events::Rule');
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.chime'],
      'detail-type': ['Chime Meeting State Change'],
      detail: { eventType: ['chime:MeetingEnded'] },
    });
    const [target] = rule.Properties.Targets as Record<string, unknown>[];
    expect(json(target?.Arn)).toContain('ReconcileMeetingFunction');
    expect(target?.DeadLetterConfig).toBeDefined();
    expect(target?.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 4 });
  });

  it('sweeps every minute through EventBridge Scheduler with a retry policy and a DLQ', () => {
    const [, schedule] = onlyResource(nested, 'AWS::Scheduler::Schedule');
    expect(schedule.Properties.ScheduleExpression).toBe('rate(1 minute)');
    const target = schedule.Properties.Target as Record<string, unknown>;
    expect(json(target.Arn)).toContain('SweepHandoffsFunction');
    expect(target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 2 });
    const [queueId] = onlyResource(nested, 'AWS::SQS::Queue');
    expect(json(target.DeadLetterConfig)).toContain(queueId);
    for (const name of ['SweepHandoffs', 'ReconcileMeeting']) {
      const fn = fnByDescription(nested, `Realtime ${name}`);
      expect(json(fn.Properties.DeadLetterConfig)).toContain(queueId);
    }
  });
});
