import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AuthorizerClaims } from './jwt-authorizer';

/** Multi-value headers and query strings are comma-joined, as API Gateway payload 2.0 does. */
const joinValues = (entries: Iterable<[string, string]>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [key, value] of entries) out[key] = key in out ? `${out[key]},${value}` : value;
  return out;
};

/** Builds the HTTP API (payload format 2.0) event API Gateway would send for this request. */
export const toApiGatewayEvent = (input: {
  request: IncomingMessage;
  url: URL;
  routeKey: string;
  pathParameters: Record<string, string>;
  claims: AuthorizerClaims;
  body: string | undefined;
}): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const { request, url } = input;
  const headers = joinValues(
    Object.entries(request.headers).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((one): [string, string] => [k, one]),
    ),
  );
  const query = joinValues(url.searchParams.entries());
  const now = new Date();
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(input.pathParameters).length > 0
      ? { pathParameters: input.pathParameters }
      : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: {
        jwt: { claims: input.claims, scopes: [] },
        principalId: '',
        integrationLatency: 0,
      },
      domainName: url.host,
      domainPrefix: url.hostname,
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: input.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(input.body !== undefined ? { body: input.body } : {}),
    isBase64Encoded: false,
  };
};
