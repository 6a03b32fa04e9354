/**
 * The HTTP API: one house function per entry of the route table (functions/contracts/api.ts),
 * every route behind the Cognito JWT authorizer, stage-wide throttling, and JSON access logs that
 * record the route template (never the raw path or query, which can carry identifiers or names).
 */
import { Duration, NestedStack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import * as z from 'zod';
import { routes, type RouteId, type RouteSpec } from '../../functions/contracts/api';
import { httpHandlerEntry } from '../paths';
import type { LogLevel } from '../settings';
import type { Auth } from './auth';
import { HouseFunction } from './house-function';
import type { Monitoring } from './monitoring';

export interface ApiProps {
  readonly table: Table;
  readonly auth: Auth;
  readonly monitoring: Monitoring;
  /** Origins allowed by CORS (see docs/deploy.md for why the default-domain case differs). */
  readonly corsOrigins: string[];
  readonly logLevel: LogLevel;
  readonly reservedConcurrency: number;
}

/** Stage-wide limits: far above what a few rural clinics generate, far below a flood. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

const SERVICE_NAME = 'bh-consult-api';

/**
 * The bearer token, JSON bodies, and every request header a route reads (e.g. Idempotency-Key on
 * logActivity): a browser preflight refuses any header not listed here.
 */
export const CORS_ALLOW_HEADERS = [
  'authorization',
  'content-type',
  ...new Set(
    Object.values(routes as Record<string, RouteSpec>).flatMap((route) =>
      route.headers instanceof z.ZodObject ? Object.keys(route.headers.shape) : [],
    ),
  ),
].sort();

const pascal = (routeId: string): string => routeId.charAt(0).toUpperCase() + routeId.slice(1);

/**
 * Each route's function, role, policy, log group and alarms (seven resources) live in a nested
 * stack per product area: a single stack stops at CloudFormation's 500 resources, which the route
 * table passed with the handoff and scheduling routes. The area comes from the path, so adding a
 * route never moves an existing function to another stack (which would replace it).
 */
const HANDOFF_SEGMENTS = new Set(['handoffs', 'handoff-metrics', 'handoff-settings', 'presence']);
const SCHEDULING_SEGMENTS = new Set([
  'slots',
  'bookings',
  'schedule',
  'schedule-templates',
  'schedule-metrics',
  'scheduling-settings',
]);
/** Registry routes under /clinics/{c}/patients/{p}/<segment>: the patient's own routes stay Care. */
const REGISTRY_PATIENT_SEGMENTS = new Set([
  'episodes',
  'recommendations',
  'messages',
  'restricted-notes',
]);
/** Registry routes under /clinics/{c}/<segment>, /me/<segment> or /<segment>. */
const REGISTRY_SEGMENTS = new Set([
  'registry-settings',
  'diagnoses',
  'caseload',
  'panel',
  'inbox',
  'review-sessions',
]);
/** CoCM billing and the outcome dashboard: /clinics/{c}/billing/..., /clinics/{c}/outcomes, /me/outcomes */
const isBillingSegment = (segment: string): boolean =>
  segment === 'billing' || segment.startsWith('outcomes');

/**
 * About 32 registry routes at seven resources each is ~225 of a stack's 500; split the area
 * (e.g. a "Review" area for panel, recommendations, messages, notes and sessions) before it nears
 * 400, and only by adding a new area for new segments, never by moving an existing route.
 */
export type RouteArea = 'Care' | 'Handoff' | 'Scheduling' | 'Registry' | 'Billing';
export const routeArea = (path: string): RouteArea => {
  // /clinics/{clinicId}/<segment>/..., /me/<segment>/... or /<segment>/...
  const [, first, second, third, , fifth] = path.split('/');
  const clinicScoped = first === 'clinics';
  const segment = (clinicScoped ? third : first === 'me' ? second : first) ?? '';
  if (HANDOFF_SEGMENTS.has(segment)) return 'Handoff';
  if (SCHEDULING_SEGMENTS.has(segment)) return 'Scheduling';
  if (clinicScoped && segment === 'patients' && REGISTRY_PATIENT_SEGMENTS.has(fifth ?? ''))
    return 'Registry';
  if (REGISTRY_SEGMENTS.has(segment)) return 'Registry';
  if (isBillingSegment(segment)) return 'Billing';
  return 'Care';
};

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** https://<id>.execute-api.<region>.amazonaws.com, no trailing slash. */
  readonly url: string;
  readonly functions: ReadonlyMap<RouteId, HouseFunction>;
  /** The nested stacks holding the route functions, by area. */
  readonly routeStacks: ReadonlyMap<RouteArea, NestedStack>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { monitoring } = props;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'BH consult API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.corsOrigins,
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
        ],
        allowHeaders: CORS_ALLOW_HEADERS,
        // Bearer tokens only: no cookie is ever sent, so no credentialed CORS.
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });
    this.url = this.httpApi.apiEndpoint;

    const accessLogs = monitoring.logGroup(this, 'AccessLogs');
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.auth.issuerUrl, {
      // The web sends the ID token, whose `aud` is the web client id.
      jwtAudience: [props.auth.webClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });

    const areas = new Map<RouteArea, NestedStack>();
    const areaStack = (area: RouteArea): NestedStack => {
      let stack = areas.get(area);
      if (!stack) {
        stack = new NestedStack(this, `${area}Routes`, {
          description: `BH consult API: ${area.toLowerCase()} route functions`,
        });
        areas.set(area, stack);
      }
      return stack;
    };

    const functions = new Map<RouteId, HouseFunction>();
    for (const [routeId, route] of Object.entries(routes) as [
      RouteId,
      (typeof routes)[RouteId],
    ][]) {
      const name = pascal(routeId);
      const home = areaStack(routeArea(route.path));
      const fn = new HouseFunction(home, name, {
        entry: httpHandlerEntry(route.handler),
        description: `${route.method} ${route.path}`,
        monitoring,
        serviceName: SERVICE_NAME,
        logLevel: props.logLevel,
        reservedConcurrency: props.reservedConcurrency,
        environment: { TABLE_NAME: props.table.tableName },
      });
      fn.grantTable(props.table, route.writes ? 'readWrite' : 'read');
      this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${name}Integration`, fn.function),
        authorizer,
      });
      monitoring.alarmOnFunction(name, fn.function, home);
      functions.set(routeId, fn);
    }
    this.functions = functions;
    this.routeStacks = areas;
    monitoring.alarmOnApi('Api', this.httpApi);
  }
}

/**
 * JSON (structured) access log. Route templates and the caller's `sub` identify what happened and
 * who did it without a single identifier or search term from the URL.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
};
