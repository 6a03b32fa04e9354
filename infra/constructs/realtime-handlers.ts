/**
 * The realtime functions, in a nested stack: the main stack is close to CloudFormation's
 * 500-resource limit, and these functions (with their roles, logs and alarms) are a unit of their
 * own. The socket's routes and $connect authorizer, the handoff sweep on a schedule and the
 * reconciler of Chime's meeting-ended events.
 */
import path from 'node:path';
import { Duration, NestedStack } from 'aws-cdk-lib';
import {
  WebSocketAuthorizer,
  WebSocketAuthorizerType,
  WebSocketRoute,
  type IWebSocketApi,
  type IWebSocketRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge, nagArnRef } from '../acknowledge';
import { projectRoot } from '../paths';
import type { LogLevel } from '../settings';
import type { Auth } from './auth';
import { HouseFunction } from './house-function';
import type { Monitoring } from './monitoring';
import { grantMeetings, grantPush } from './realtime-grants';

export interface RealtimeHandlersProps {
  readonly table: Table;
  readonly auth: Auth;
  readonly monitoring: Monitoring;
  readonly logLevel: LogLevel;
  readonly reservedConcurrency: number;
  readonly socketApi: IWebSocketApi;
  readonly managementEndpoint: string;
}

const SERVICE_NAME = 'bh-consult-realtime';
const entry = (folder: 'ws' | 'jobs', name: string) =>
  path.join(projectRoot, 'functions', 'handlers', folder, `${name}.ts`);

export class RealtimeHandlers extends NestedStack {
  private readonly props: RealtimeHandlersProps;

  constructor(scope: Construct, id: string, props: RealtimeHandlersProps) {
    super(scope, id, { description: 'BH consult realtime: paging socket handlers, handoff jobs' });
    this.props = props;
    this.socket();
    this.jobs();
  }

  private socket(): void {
    const { socketApi } = this.props;
    const authorizer = this.fn('Authorize', entry('ws', 'authorize'), false, {
      environment: {
        COGNITO_ISSUER: this.props.auth.issuerUrl,
        COGNITO_CLIENT_ID: this.props.auth.webClient.userPoolClientId,
      },
    });
    const connect = this.fn('Connect', entry('ws', 'connect'), true);
    const disconnect = this.fn('Disconnect', entry('ws', 'disconnect'), true);
    const message = this.fn('Message', entry('ws', 'message'), true);
    grantPush(message, socketApi, this.props.managementEndpoint);

    new WebSocketRoute(this, 'ConnectRoute', {
      webSocketApi: socketApi,
      routeKey: '$connect',
      integration: new WebSocketLambdaIntegration('ConnectIntegration', connect.function),
      authorizer: this.idTokenAuthorizer(authorizer),
    });
    const unauthorizedRoutes = [
      ['DisconnectRoute', '$disconnect', disconnect],
      ['DefaultRoute', '$default', message],
    ] as const;
    for (const [routeId, routeKey, fn] of unauthorizedRoutes) {
      const route = new WebSocketRoute(this, routeId, {
        webSocketApi: socketApi,
        routeKey,
        integration: new WebSocketLambdaIntegration(`${routeId}Integration`, fn.function),
      });
      acknowledge(
        route,
        'AwsSolutions-APIG4',
        'API Gateway runs WebSocket authorizers on $connect only: every message and the ' +
          'disconnect belong to a connection the ID-token authorizer already allowed, and the ' +
          'handler looks the sender up from the stored connection, never from the message.',
      );
    }
  }

  /**
   * The $connect Lambda authorizer, built here rather than with WebSocketLambdaAuthorizer, which
   * puts it in the API's (main) stack and so forms a cycle with this nested stack.
   */
  private idTokenAuthorizer(fn: HouseFunction): IWebSocketRouteAuthorizer {
    const { socketApi } = this.props;
    const authorizer = new WebSocketAuthorizer(this, 'IdTokenAuthorizer', {
      webSocketApi: socketApi,
      type: WebSocketAuthorizerType.LAMBDA,
      authorizerName: 'IdTokenAuthorizer',
      // Browsers cannot set headers on a WebSocket: the ID token comes in the query string.
      identitySource: ['route.request.querystring.token'],
      authorizerUri: `arn:${this.partition}:apigateway:${this.region}:lambda:path/2015-03-31/functions/${fn.function.functionArn}/invocations`,
    });
    fn.function.addPermission('ApiGatewayAuthorizerInvoke', {
      principal: new ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: this.formatArn({
        service: 'execute-api',
        resource: socketApi.apiId,
        resourceName: `authorizers/${authorizer.authorizerId}`,
      }),
    });
    return {
      bind: () => ({ authorizationType: 'CUSTOM', authorizerId: authorizer.authorizerId }),
    };
  }

  private jobs(): void {
    const dlq = new Queue(this, 'JobsDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // A dead-lettered sweep or reconcile means pages or meetings were left behind: tell on-call.
    this.alarm(
      'JobsDeadLetters',
      dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      'dead-lettered job events',
    );

    const options = { deadLetterQueue: dlq, timeout: Duration.seconds(50) };
    const sweep = this.fn('SweepHandoffs', entry('jobs', 'sweep-handoffs'), true, options);
    const reconcile = this.fn(
      'ReconcileMeeting',
      entry('jobs', 'reconcile-meeting'),
      true,
      options,
    );
    for (const fn of [sweep, reconcile]) {
      grantPush(fn, this.props.socketApi, this.props.managementEndpoint);
      grantMeetings(fn);
    }

    const schedulerRole = new Role(this, 'SweepSchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'EventBridge Scheduler invoking the handoff sweep',
    });
    new Schedule(this, 'SweepSchedule', {
      description: 'Expired handoff requests fall back; meetings of closed handoffs are deleted',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      // A missed run is covered by the next one a minute later: retry briefly, then dead-letter.
      target: new LambdaInvoke(sweep.function, {
        role: schedulerRole,
        deadLetterQueue: dlq,
        retryAttempts: 2,
        maxEventAge: Duration.minutes(2),
      }),
    });
    acknowledge(
      schedulerRole,
      `AwsSolutions-IAM5[Resource::${nagArnRef(sweep.function)}:*]`,
      "aws-cdk-lib's LambdaInvoke target grants lambda:InvokeFunction on the sweep function and " +
        'its versions (<arn>:*); it can invoke nothing else.',
    );
    acknowledge(
      schedulerRole,
      'HIPAA.Security-IAMNoInlinePolicy',
      'The inline policy is the CDK-generated default policy of this single-purpose scheduler ' +
        'role (invoke the sweep, send to its dead-letter queue); it lives and dies with the role.',
    );

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

  private fn(
    name: string,
    entryPath: string,
    tableAccess: boolean,
    extra: {
      environment?: Record<string, string>;
      deadLetterQueue?: Queue;
      timeout?: Duration;
    } = {},
  ): HouseFunction {
    const { props } = this;
    const fn = new HouseFunction(this, name, {
      entry: entryPath,
      description: `Realtime ${name}`,
      monitoring: props.monitoring,
      serviceName: SERVICE_NAME,
      logLevel: props.logLevel,
      reservedConcurrency: props.reservedConcurrency,
      ...extra,
      environment: {
        ...(tableAccess ? { TABLE_NAME: props.table.tableName } : {}),
        ...extra.environment,
      },
    });
    if (tableAccess) fn.grantTable(this.props.table, 'readWrite');
    const period = Duration.minutes(5);
    this.alarm(`${name}Errors`, fn.function.metricErrors({ period, statistic: 'Sum' }), 'errors');
    this.alarm(
      `${name}Throttles`,
      fn.function.metricThrottles({ period, statistic: 'Sum' }),
      'throttles',
    );
    return fn;
  }

  /** Monitoring's alarm, made here: alarms in the main stack would count against its limit. */
  private alarm(id: string, metric: IMetric, what: string): void {
    new Alarm(this, `${id}Alarm`, {
      metric,
      alarmDescription: `Realtime${id}: ${what} in the last 5 minutes`,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(this.props.monitoring.alarmTopic));
  }
}
