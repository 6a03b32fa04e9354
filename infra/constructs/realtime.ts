/**
 * The warm handoff's real-time side: the paging WebSocket API (Cognito ID token verified by a
 * $connect Lambda authorizer), the push grant for the functions that page, Chime meetings for the
 * functions that create or end calls, the handoff sweep (every minute) and the reconciler of
 * meetings Chime reports ended.
 */
import path from 'node:path';
import { Duration, Stack, Token } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { routes, type RouteSpec } from '../../functions/contracts/api';
import { acknowledge } from '../acknowledge';
import { projectRoot } from '../paths';
import type { LogLevel } from '../settings';
import type { Api } from './api';
import type { Auth } from './auth';
import { HouseFunction, type TableAccess } from './house-function';
import type { Monitoring } from './monitoring';

export interface RealtimeProps {
  readonly table: Table;
  readonly auth: Auth;
  readonly api: Api;
  readonly monitoring: Monitoring;
  readonly logLevel: LogLevel;
  readonly reservedConcurrency: number;
}

export const SOCKET_STAGE = 'live';
/** Per stage: a console sends a heartbeat every 30 s and a call a few dozen signals. */
export const SOCKET_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;
export const CHIME_MEETING_ACTIONS = [
  'chime:CreateMeetingWithAttendees',
  'chime:CreateAttendee',
  'chime:GetAttendee',
  'chime:GetMeeting',
  'chime:DeleteMeeting',
];
/** Chime's signalling, TURN and media endpoints (media assets under *.sdkassets.chime.aws). */
export const CHIME_CONNECT_SRC = ['wss://*.chime.aws', 'https://*.chime.aws'];

const SERVICE_NAME = 'bh-consult-realtime';
const entry = (folder: 'ws' | 'jobs', name: string) =>
  path.join(projectRoot, 'functions', 'handlers', folder, `${name}.ts`);

export class Realtime extends Construct {
  readonly socketApi: WebSocketApi;
  readonly stage: WebSocketStage;
  /** wss://<id>.execute-api.<region>.amazonaws.com/live: the web config's wsUrl. */
  readonly wsUrl: string;
  /** For the CSP's connect-src: the socket and Chime. */
  readonly connectSrc: string[];

  private readonly props: RealtimeProps;
  private readonly managementEndpoint: string;

  constructor(scope: Construct, id: string, props: RealtimeProps) {
    super(scope, id);
    this.props = props;

    const authorizerFn = this.fn('Authorize', entry('ws', 'authorize'), undefined, {
      COGNITO_ISSUER: props.auth.issuerUrl,
      COGNITO_CLIENT_ID: props.auth.webClient.userPoolClientId,
    });
    const connectFn = this.fn('Connect', entry('ws', 'connect'), 'readWrite');
    const disconnectFn = this.fn('Disconnect', entry('ws', 'disconnect'), 'readWrite');
    const messageFn = this.fn('Message', entry('ws', 'message'), 'readWrite');

    this.socketApi = new WebSocketApi(this, 'SocketApi', {
      description: 'BH consult paging socket',
      // Every client message goes to $default; the message handler parses `action` with zod.
      routeSelectionExpression: '$request.body.action',
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration('ConnectIntegration', connectFn.function),
        authorizer: new WebSocketLambdaAuthorizer('IdTokenAuthorizer', authorizerFn.function, {
          // Browsers cannot set headers on a WebSocket: the ID token comes in the query string.
          identitySource: ['route.request.querystring.token'],
        }),
      },
      disconnectRouteOptions: {
        integration: new WebSocketLambdaIntegration('DisconnectIntegration', disconnectFn.function),
      },
      defaultRouteOptions: {
        integration: new WebSocketLambdaIntegration('MessageIntegration', messageFn.function),
      },
    });
    const accessLogs = props.monitoring.logGroup(this, 'AccessLogs');
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.socketApi,
      stageName: SOCKET_STAGE,
      autoDeploy: true,
      throttle: SOCKET_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No query string: it carries the ID token.
        format: AccessLogFormat.custom(JSON.stringify(SOCKET_ACCESS_LOG_FIELDS)),
      },
    });
    this.wsUrl = this.stage.url;
    this.managementEndpoint = this.stage.callbackUrl;
    this.connectSrc = [this.wsUrl, ...CHIME_CONNECT_SRC];

    this.allowPush(messageFn);
    for (const [routeId, fn] of props.api.functions) {
      const route: RouteSpec = routes[routeId];
      if (route.pushes) this.allowPush(fn);
      if (route.meetings) this.allowMeetings(fn);
    }
    this.jobs();
  }

  private fn(
    name: string,
    entryPath: string,
    access: TableAccess | undefined,
    environment: Record<string, string> = {},
    extra: { deadLetterQueue?: Queue; timeout?: Duration } = {},
  ): HouseFunction {
    const { props } = this;
    const fn = new HouseFunction(this, name, {
      entry: entryPath,
      description: `Realtime ${name}`,
      monitoring: props.monitoring,
      serviceName: SERVICE_NAME,
      logLevel: props.logLevel,
      reservedConcurrency: props.reservedConcurrency,
      environment: access ? { TABLE_NAME: props.table.tableName, ...environment } : environment,
      ...extra,
    });
    if (access) fn.grantTable(props.table, access);
    props.monitoring.alarmOnFunction(`Realtime${name}`, fn.function);
    return fn;
  }

  /** PostToConnection on this API's stage only; connection ids are unknown until clients connect. */
  private allowPush(fn: HouseFunction): void {
    const stack = Stack.of(this);
    fn.function.addEnvironment('WS_MANAGEMENT_ENDPOINT', this.managementEndpoint);
    const resource = stack.formatArn({
      service: 'execute-api',
      resource: this.socketApi.apiId,
      resourceName: `${SOCKET_STAGE}/POST/@connections/*`,
    });
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: [resource] }),
    );
    acknowledge(
      fn.role,
      `AwsSolutions-IAM5[Resource::${nagArn(stack, 'execute-api', `<${this.nagId(this.socketApi)}>/${SOCKET_STAGE}/POST/@connections/*`)}]`,
      'Push to the paging socket: execute-api:ManageConnections (POST only) on the one stage of ' +
        'this WebSocket API; the wildcard is the connection id, which exists only once a ' +
        'console connects.',
    );
  }

  /** Meetings are created in this region (the control plane); ids are known only after creation. */
  private allowMeetings(fn: HouseFunction): void {
    const stack = Stack.of(this);
    fn.function.addEnvironment('MEETINGS_PROVIDER', 'chime');
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: CHIME_MEETING_ACTIONS,
        resources: [stack.formatArn({ service: 'chime', resource: 'meeting', resourceName: '*' })],
      }),
    );
    acknowledge(
      fn.role,
      `AwsSolutions-IAM5[Resource::${nagArn(stack, 'chime', 'meeting/*')}]`,
      'Chime SDK meetings of this account and region only, with the five meeting/attendee ' +
        'actions a handoff call needs; a meeting id exists only after CreateMeetingWithAttendees.',
    );
  }

  private jobs(): void {
    const { monitoring } = this.props;
    const dlq = new Queue(this, 'JobsDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      dlq,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the handoff jobs (their Lambda DLQ and the ' +
        'schedule and rule targets); a dead-letter queue of a dead-letter queue would never help.',
    );
    // A dead-lettered sweep or reconcile means pages or meetings were left behind: tell on-call.
    new Alarm(this, 'JobsDeadLettersAlarm', {
      alarmDescription: 'Handoff jobs dead-lettered events',
      metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(monitoring.alarmTopic));

    const jobs = { deadLetterQueue: dlq, timeout: Duration.seconds(50) };
    const sweep = this.fn('SweepHandoffs', entry('jobs', 'sweep-handoffs'), 'readWrite', {}, jobs);
    const reconcile = this.fn(
      'ReconcileMeeting',
      entry('jobs', 'reconcile-meeting'),
      'readWrite',
      {},
      jobs,
    );
    for (const fn of [sweep, reconcile]) {
      this.allowPush(fn);
      this.allowMeetings(fn);
    }

    new Schedule(this, 'SweepSchedule', {
      description: 'Expired handoff requests fall back; meetings of closed handoffs are deleted',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      // A missed run is covered by the next one a minute later: retry briefly, then dead-letter.
      target: new LambdaInvoke(sweep.function, {
        deadLetterQueue: dlq,
        retryAttempts: 2,
        maxEventAge: Duration.minutes(2),
      }),
    });

    new Rule(this, 'MeetingEndedRule', {
      description: 'Chime meeting ended: end its handoff if still live',
      eventPattern: {
        source: ['aws.chime'],
        detailType: ['Chime Meeting State Change'],
        detail: { eventType: ['chime:MeetingEnded'] },
      },
      targets: [
        new LambdaFunction(reconcile.function, {
          deadLetterQueue: dlq,
          retryAttempts: 4,
          maxEventAge: Duration.hours(1),
        }),
      ],
    });
  }

  private nagId(construct: Construct): string {
    const cfn = construct.node.defaultChild;
    return String(Stack.of(this).resolve((cfn as unknown as { logicalId: string }).logicalId));
  }
}

/** How cdk-nag renders an ARN built by formatArn (pseudo parameters as <AWS::…>). */
const nagArn = (stack: Stack, service: string, resource: string): string => {
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return `arn:${partition}:${service}:${region}:${account}:${resource}`;
};

/** Connection-level facts only: never the query string (the ID token) or message bodies. */
const SOCKET_ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  connectionId: '$context.connectionId',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  status: '$context.status',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.principalId',
};
