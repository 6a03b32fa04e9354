import { createContext, useContext } from 'react';
import type * as z from 'zod';
import {
  ErrorBody,
  routes,
  type ErrorCode,
  type FieldIssue,
  type RouteId,
  type RouteSpec,
} from './contracts';
import { sessionStore } from './session';

type Routes = typeof routes;

type Part<R extends RouteId, K extends 'params' | 'query' | 'body', Optional extends boolean> =
  Routes[R] extends Record<K, infer S extends z.ZodType>
    ? Optional extends true
      ? { [P in K]?: z.input<S> }
      : { [P in K]: z.input<S> }
    : { [P in K]?: never };

/** What a call to route R takes: typed from the route table's zod schemas. */
export type CallInput<R extends RouteId> = Part<R, 'params', false> &
  Part<R, 'query', true> &
  Part<R, 'body', false> & {
    signal?: AbortSignal;
    /** Request headers the route declares (e.g. Idempotency-Key). */
    headers?: Record<string, string>;
  };

/** What route R answers, after parsing with its response schema. */
export type ApiResponse<R extends RouteId> = z.output<Routes[R]['response']>;

export type ApiErrorCode = ErrorCode | 'network' | 'bad_response';

/** Every failed call: an HTTP error (with the server's ErrorBody), no network, or a bad response. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: FieldIssue[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.code === 'network';
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
};

/** Slow rural links are expected; a request that takes longer than this counts as "no network". */
const TIMEOUT_MS = 30_000;

/** fetch with a timeout and the caller's abort signal (AbortSignal.any/timeout are too new for older iPads). */
async function fetchWithTimeout(url: string, init: RequestInit, signal?: AbortSignal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = window.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  const forwardAbort = () => controller.abort();
  if (signal?.aborted) controller.abort();
  signal?.addEventListener('abort', forwardAbort);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } catch (error) {
    if (signal?.aborted && !timedOut) throw error; // the caller cancelled: not a network problem
    throw new ApiError(
      0,
      'network',
      timedOut
        ? 'The server took too long to answer. Check the connection and try again.'
        : 'No connection to the server. Check the connection and try again.',
    );
  } finally {
    window.clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

export interface ApiClient {
  call<R extends RouteId>(route: R, input: CallInput<R>): Promise<ApiResponse<R>>;
}

/**
 * The API client, driven by the route table: the path template is filled from the params, the query
 * string from the query, and every answer is parsed with the route's response schema.
 */
export function createApiClient(apiUrl: string): ApiClient {
  const base = apiUrl.replace(/\/+$/, '');
  return {
    async call(routeId, input) {
      const spec: RouteSpec = routes[routeId];
      const {
        params,
        query,
        body,
        signal,
        headers: extraHeaders,
      } = input as {
        params?: Record<string, unknown>;
        query?: Record<string, unknown>;
        body?: unknown;
        signal?: AbortSignal;
        headers?: Record<string, string>;
      };
      const path = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = params?.[name];
        if (value === undefined || value === null || value === '') {
          throw new Error(`${routeId}: missing path parameter ${name}`);
        }
        return encodeURIComponent(String(value));
      });
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query ?? {})) {
        if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
      }
      const qs = search.toString(); // (URLSearchParams.size is too new for older iPads)
      const url = `${base}${path}${qs ? `?${qs}` : ''}`;

      const token = sessionStore.validToken();
      if (!token)
        throw new ApiError(401, 'unauthenticated', 'Your sign-in has ended. Please sign in again.');

      const headers: Record<string, string> = {
        ...extraHeaders,
        accept: 'application/json',
        authorization: `Bearer ${token}`,
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetchWithTimeout(
        url,
        {
          method: spec.method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          cache: 'no-store',
          credentials: 'omit',
        },
        signal,
      );

      let json: unknown;
      try {
        const text = await response.text();
        json = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        json = undefined;
      }

      if (!response.ok) {
        const parsed = ErrorBody.safeParse(json);
        if (parsed.success) {
          const { code, message, fields, requestId } = parsed.data.error;
          throw new ApiError(response.status, code, message, fields ?? [], requestId);
        }
        throw new ApiError(
          response.status,
          CODE_BY_STATUS[response.status] ?? 'internal',
          response.status >= 500
            ? 'The server had a problem. Please try again in a moment.'
            : `The request was refused (${response.status}).`,
        );
      }

      const parsed = spec.response.safeParse(json);
      if (!parsed.success) {
        throw new ApiError(
          response.status,
          'bad_response',
          'The server sent an answer this app does not understand. Reload the page to update the app.',
        );
      }
      return parsed.data as ApiResponse<typeof routeId>;
    },
  };
}

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}

/** Field issues of the request body, keyed by the form field they name ("body.givenName" → "givenName"). */
export function bodyFieldErrors(error: ApiError): {
  byField: Map<string, string>;
  rest: FieldIssue[];
} {
  const byField = new Map<string, string>();
  const rest: FieldIssue[] = [];
  for (const issue of error.fields) {
    const [part, field, ...deeper] = issue.field.split('.');
    if (part === 'body' && field && deeper.length === 0 && !byField.has(field)) {
      byField.set(field, issue.message);
    } else {
      rest.push(issue);
    }
  }
  return { byField, rest };
}

/** A sentence for staff describing an error (403 and 404 in the words of the design). */
export function describeError(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case 'forbidden':
      return `Not allowed: ${error.message}`;
    case 'not_found':
      return 'Not found, or not part of your clinic.';
    default:
      return error.message;
  }
}
