import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { routes, type RouteId } from '../../functions/contracts/api';
import type { HttpHandler } from '../../functions/platform/http';

const HANDLERS = join(import.meta.dirname, '..', '..', 'functions', 'handlers', 'http');

export interface Call {
  sub?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** Request headers, as a client sends them (any case). */
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as is (to test malformed bodies). */
  body?: unknown;
}

export interface Reply {
  status: number;
  body: Record<string, unknown> & {
    error?: {
      code: string;
      message: string;
      fields?: { field: string; message: string }[];
      requestId?: string;
    };
  };
}

/** Calls a route's real handler module with the event API Gateway's JWT authorizer would produce. */
export const invoke = async (routeId: RouteId, call: Call = {}): Promise<Reply> => {
  const spec = routes[routeId];
  const module = (await import(pathToFileURL(join(HANDLERS, `${spec.handler}.ts`)).href)) as {
    handler: HttpHandler;
  };
  const path = spec.path.replace(/\{(\w+)\}/g, (_m, name: string) => call.params?.[name] ?? '');
  const event = {
    version: '2.0',
    routeKey: `${spec.method} ${spec.path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(call.query).toString(),
    headers: { 'content-type': 'application/json', ...call.headers },
    queryStringParameters: call.query,
    pathParameters: call.params,
    requestContext: {
      requestId: `test-${Math.random().toString(36).slice(2)}`,
      authorizer: { jwt: { claims: call.sub ? { sub: call.sub } : {}, scopes: [] } },
      http: { method: spec.method, path },
    },
    body:
      call.body === undefined
        ? undefined
        : typeof call.body === 'string'
          ? call.body
          : JSON.stringify(call.body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  const result = await module.handler(event);
  return {
    status: result.statusCode ?? 0,
    body: result.body ? (JSON.parse(result.body) as Reply['body']) : {},
  };
};
