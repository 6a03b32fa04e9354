import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import { routes, type RouteId, type RouteSpec } from '../contracts/api';
import type { ErrorBody, FieldIssue } from '../contracts/common';
import type { DomainError } from '../domain/errors';
import { isDomainError } from '../domain/errors';
import type { RequestContext } from '../ports/context';
import { getDeps } from './container';
import { logger } from './logger';

type Part = 'path' | 'header' | 'query' | 'body';

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteInput<R extends RouteSpec> {
  params: Parsed<R['params']>;
  /** Only the headers the route names (lower-case), parsed with its schema. */
  headers: Parsed<R['headers']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
}

export type HttpHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context?: Pick<Context, 'awsRequestId'>,
) => Promise<APIGatewayProxyStructuredResultV2>;

const STATUS: Record<DomainError['kind'], number> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

const CODE: Record<DomainError['kind'], ErrorBody['error']['code']> = {
  validation: 'validation_failed',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
};

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

const errorResponse = (
  statusCode: number,
  error: ErrorBody['error'],
): APIGatewayProxyStructuredResultV2 => json(statusCode, { error } satisfies ErrorBody);

const issuesOf = (part: Part, error: z.ZodError): FieldIssue[] =>
  error.issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));

const parsePart = (
  part: Part,
  schema: z.ZodType | undefined,
  value: unknown,
  issues: FieldIssue[],
) => {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  issues.push(...issuesOf(part, result.error));
  return undefined;
};

/** API Gateway lower-cases header names in payload 2.0; a local or test event may not have. */
const lowerCaseHeaders = (headers: Record<string, string | undefined> | undefined) =>
  Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );

const readBody = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  issues: FieldIssue[],
): unknown => {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    issues.push({ field: 'body', message: 'is not valid JSON' });
    return undefined;
  }
};

/**
 * The only way a route becomes a Lambda handler: parse every input with the route's zod schemas
 * (a bad one is a 400 naming the field, before anything runs), take the actor only from the
 * verified token claims, run the service, and send back only what the response contract allows.
 */
export const httpRoute = <R extends RouteId>(
  routeId: R,
  run: (input: RouteInput<(typeof routes)[R]>, ctx: RequestContext) => Promise<unknown>,
): HttpHandler => {
  const spec: RouteSpec = routes[routeId];
  return async (event, context) => {
    const requestId = event.requestContext?.requestId ?? context?.awsRequestId ?? 'unknown';
    logger.appendKeys({ requestId, route: routeId });
    try {
      const actorId = event.requestContext?.authorizer?.jwt?.claims?.sub;
      if (typeof actorId !== 'string' || actorId === '') {
        return errorResponse(401, { code: 'unauthenticated', message: 'Sign in again', requestId });
      }
      const issues: FieldIssue[] = [];
      const rawBody = spec.body ? readBody(event, issues) : undefined;
      const input = {
        params: parsePart('path', spec.params, event.pathParameters, issues),
        headers: parsePart('header', spec.headers, lowerCaseHeaders(event.headers), issues),
        query: parsePart('query', spec.query, event.queryStringParameters, issues),
        body: issues.length === 0 ? parsePart('body', spec.body, rawBody, issues) : undefined,
      } as RouteInput<(typeof routes)[R]>;
      if (issues.length > 0) {
        return errorResponse(400, {
          code: 'validation_failed',
          message: 'The request has invalid fields',
          fields: issues,
          requestId,
        });
      }
      const output = await run(input, { actorId, requestId, deps: getDeps() });
      // Parsing the output strips anything the contract does not name: no accidental disclosure.
      return json(spec.successStatus, spec.response.parse(output));
    } catch (error) {
      if (isDomainError(error)) {
        logger.info('request refused', { kind: error.kind });
        return errorResponse(STATUS[error.kind], {
          code: CODE[error.kind],
          message: error.message,
          ...(error.fields.length > 0 ? { fields: error.fields } : {}),
          requestId,
        });
      }
      // Error messages from libraries can echo stored values: log the type and stack only.
      logger.error('unhandled error', {
        errorName: error instanceof Error ? error.name : typeof error,
        stack: error instanceof Error ? error.stack?.split('\n').slice(1, 6).join('\n') : undefined,
      });
      return errorResponse(500, { code: 'internal', message: 'Something went wrong', requestId });
    } finally {
      logger.removeKeys(['requestId', 'route']);
    }
  };
};
