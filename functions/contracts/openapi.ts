import * as z from 'zod';
import { routes, type RouteSpec } from './api';
import { ErrorBody } from './common';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
};

const parametersOf = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: schemaOf(ErrorBody, 'output') } },
});

const operationOf = (id: string, spec: RouteSpec) => ({
  operationId: id,
  summary: spec.summary,
  security: [{ cognito: [] }],
  parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
  ...(spec.body
    ? {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: schemaOf(spec.body, 'input') } },
        },
      }
    : {}),
  responses: {
    [spec.successStatus]: {
      description: 'Success',
      content: { 'application/json': { schema: schemaOf(spec.response, 'output') } },
    },
    400: errorResponse('Invalid input; `fields` names each bad field'),
    401: errorResponse('Missing or invalid token'),
    403: errorResponse("The caller's role in this clinic does not allow the action"),
    404: errorResponse('Not found, or not in a clinic the caller belongs to'),
    409: errorResponse('Conflicts with the current state'),
    500: errorResponse('Unexpected error (generic body)'),
  },
});

/** OpenAPI 3.1 document generated from the route table, so it cannot drift from the code. */
export const buildOpenApi = (serverUrl: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, spec] of Object.entries(routes) as [string, RouteSpec][]) {
    const operations = (paths[spec.path] ??= {});
    operations[spec.method.toLowerCase()] = operationOf(id, spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Behavioral-health consult platform API',
      version: '0.1.0',
      description:
        'Every request is parsed with the same zod contracts this document is built from.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (Cognito ID token)' },
      },
    },
    paths,
  };
};
