/**
 * The warm handoff's real-time side: the paging WebSocket API with an access-logged, throttled
 * stage (here, so the web's CSP can name it without a dependency cycle through the nested
 * stack), push and Chime grants for the HTTP route functions that page or run calls, and the
 * socket handlers and handoff jobs in their nested stack.
 */
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { routes, type RouteSpec } from '../../functions/contracts/api';
import type { LogLevel } from '../settings';
import type { Api } from './api';
import type { Auth } from './auth';
import type { Monitoring } from './monitoring';
import { RealtimeHandlers } from './realtime-handlers';
import { grantMeetings, grantPush, SOCKET_STAGE } from './realtime-grants';

export interface RealtimeProps {
  readonly table: Table;
  readonly auth: Auth;
  readonly api: Api;
  readonly monitoring: Monitoring;
  readonly logLevel: LogLevel;
  readonly reservedConcurrency: number;
}

/** Per stage: a console sends a heartbeat every 30 s and a call a few dozen signals. */
export const SOCKET_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;
/** Chime's signalling, TURN and media endpoints (including *.sdkassets.chime.aws). */
export const CHIME_CONNECT_SRC = ['wss://*.chime.aws', 'https://*.chime.aws'];

export class Realtime extends Construct {
  readonly socketApi: WebSocketApi;
  readonly stage: WebSocketStage;
  /** wss://<id>.execute-api.<region>.amazonaws.com/live: the web config's wsUrl. */
  readonly wsUrl: string;
  /** For the CSP's connect-src: the socket and Chime. */
  readonly connectSrc: string[];
  readonly handlers: RealtimeHandlers;

  constructor(scope: Construct, id: string, props: RealtimeProps) {
    super(scope, id);

    this.socketApi = new WebSocketApi(this, 'SocketApi', {
      description: 'BH consult paging socket',
      // Every client message goes to $default; the message handler parses `action` with zod.
      routeSelectionExpression: '$request.body.action',
    });
    const accessLogs = props.monitoring.logGroup(this, 'AccessLogs');
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.socketApi,
      stageName: SOCKET_STAGE,
      autoDeploy: true,
      throttle: SOCKET_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(SOCKET_ACCESS_LOG_FIELDS)),
      },
    });
    this.wsUrl = this.stage.url;
    this.connectSrc = [this.wsUrl, ...CHIME_CONNECT_SRC];

    for (const [routeId, fn] of props.api.functions) {
      const route: RouteSpec = routes[routeId];
      if (route.pushes) grantPush(fn, this.socketApi, this.stage.callbackUrl);
      if (route.meetings) grantMeetings(fn);
    }

    this.handlers = new RealtimeHandlers(this, 'Handlers', {
      table: props.table,
      auth: props.auth,
      monitoring: props.monitoring,
      logLevel: props.logLevel,
      reservedConcurrency: props.reservedConcurrency,
      socketApi: this.socketApi,
      managementEndpoint: this.stage.callbackUrl,
    });
  }
}

/** Connection-level facts only: never the query string (it carries the ID token) or bodies. */
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
