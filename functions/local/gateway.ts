import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { routes, type RouteSpec } from '../contracts/api';
import { buildOpenApi } from '../contracts/openapi';
import { LocalTokenRequest } from '../contracts/web';
import type { HttpHandler } from '../platform/http';
import { toApiGatewayEvent } from './api-event';
import type { LocalIdentity, LocalUser } from './identity';
import { createJwtAuthorizer } from './jwt-authorizer';

const HANDLERS_DIR = join(import.meta.dirname, '..', 'handlers', 'http');
const MAX_BODY_BYTES = 1024 * 1024;

interface CompiledRoute {
  spec: RouteSpec;
  pattern: RegExp;
  routeKey: string;
}

const compile = (spec: RouteSpec): CompiledRoute => ({
  spec,
  routeKey: `${spec.method} ${spec.path}`,
  pattern: new RegExp(
    `^${spec.path.replace(/\{(\w+)\}/g, (_m, name: string) => `(?<${name}>[^/]+)`)}$`,
  ),
});

const compiled = Object.values(routes).map(compile);

export interface GatewayOptions {
  port: number;
  identity: LocalIdentity;
  users: LocalUser[];
  /** The web app's origin, the only one CORS admits. */
  webOrigin: string;
  log?: (line: string) => void;
}

export interface Gateway {
  url: string;
  /** For the socket gateway, which answers WebSocket upgrades on the same port. */
  server: Server;
  stop(): Promise<void>;
}

const readBody = (request: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined),
    );
    request.on('error', reject);
  });

const parseJson = (text: string | undefined): unknown => {
  try {
    return JSON.parse(text ?? '{}') as unknown;
  } catch {
    return undefined;
  }
};

const handlerCache = new Map<string, Promise<HttpHandler>>();
const loadHandler = (name: string): Promise<HttpHandler> => {
  let loading = handlerCache.get(name);
  if (!loading) {
    const url = pathToFileURL(join(HANDLERS_DIR, `${name}.ts`)).href;
    loading = import(url).then((module: { handler: HttpHandler }) => module.handler);
    handlerCache.set(name, loading);
  }
  return loading;
};

/**
 * The local stand-in for API Gateway: matches the same route table, verifies the bearer token like
 * the JWT authorizer, turns the request into a payload-2.0 event and invokes the very handler module
 * CDK deploys. It also hosts the local identity issuer's endpoints and the OpenAPI document.
 */
export const startGateway = async (options: GatewayOptions): Promise<Gateway> => {
  const authorize = createJwtAuthorizer(options.identity);
  const corsHeaders = {
    'access-control-allow-origin': options.webOrigin,
    'access-control-allow-headers': 'authorization,content-type,idempotency-key',
    'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
    'access-control-max-age': '600',
    vary: 'origin',
  };
  const send = (response: ServerResponse, status: number, body: unknown, headers = {}) => {
    response.writeHead(status, {
      'content-type': 'application/json',
      ...corsHeaders,
      ...headers,
    });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, baseUrl: string) => {
    const url = new URL(request.url ?? '/', baseUrl);
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS') return send(response, 204, '');
    if (method === 'GET' && url.pathname === '/openapi.json') {
      return send(response, 200, buildOpenApi(baseUrl));
    }
    if (method === 'GET' && url.pathname === '/.well-known/jwks.json') {
      return send(response, 200, options.identity.jwks());
    }
    if (method === 'GET' && url.pathname === '/local-auth/users') {
      const users = options.users.map(({ username, displayName, title }) => ({
        username,
        displayName,
        title,
      }));
      return send(response, 200, { users });
    }
    if (method === 'POST' && url.pathname === '/local-auth/token') {
      const parsed = LocalTokenRequest.safeParse(parseJson(await readBody(request)));
      const user = parsed.success
        ? options.users.find((u) => u.username === parsed.data.username)
        : undefined;
      if (!user) return send(response, 400, { error: 'unknown user' });
      return send(response, 200, await options.identity.issueIdToken(user));
    }

    const match = compiled
      .filter((route) => route.spec.method === method)
      .map((route) => ({ route, found: route.pattern.exec(url.pathname) }))
      .find((candidate) => candidate.found);
    if (!match?.found) return send(response, 404, { message: 'Not Found' });

    // Like API Gateway: an unauthenticated request never reaches the function.
    const claims = await authorize(request.headers.authorization);
    if (!claims) return send(response, 401, { message: 'Unauthorized' });

    const body = await readBody(request);
    const pathParameters = Object.fromEntries(
      Object.entries(match.found.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    const event = toApiGatewayEvent({
      request,
      url,
      routeKey: match.route.routeKey,
      pathParameters,
      claims,
      body,
    });
    const handler = await loadHandler(match.route.spec.handler);
    const result = await handler(event, { awsRequestId: event.requestContext.requestId });
    send(response, result.statusCode ?? 200, result.body ?? '', result.headers ?? {});
  };

  const server = createServer((request, response) => {
    const started = performance.now();
    const address = server.address() as AddressInfo;
    handle(request, response, `http://127.0.0.1:${address.port}`)
      .catch((error: unknown) => {
        options.log?.(`gateway error: ${error instanceof Error ? error.message : String(error)}`);
        if (!response.headersSent) send(response, 500, { message: 'Internal Server Error' });
      })
      .finally(() => {
        options.log?.(
          `${request.method} ${request.url?.split('?')[0]} ${response.statusCode} ${Math.round(performance.now() - started)}ms`,
        );
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
