import { z } from 'zod';
import { consultationDetailSchema, consultationListSchema, healthSchema, problemSchema } from '#shared/schemas/api.ts';
import { slugSchema } from '#shared/schemas/common.ts';
import { ROUTES } from './routes.ts';

/**
 * The OpenAPI 3.1 document of the API, generated from the same zod schemas the handlers use.
 * Every route in ROUTES has exactly one operation here (checked by tests/unit/openapi.test.ts).
 */
type Operation = {
  operationId: string;
  summary: string;
  tag: 'public' | 'operations' | 'staff';
  pathParameters?: Record<string, z.ZodType>;
  responses: Record<number, { description: string; schema?: z.ZodType; problem?: true }>;
};

export const OPERATIONS: Record<string, Operation> = {
  'GET /api/health': {
    operationId: 'getHealth',
    summary: 'Whether the API and its table answer',
    tag: 'operations',
    responses: {
      200: { description: 'Healthy', schema: healthSchema },
      503: { description: 'The table does not answer', schema: healthSchema },
    },
  },
  'GET /api/openapi.json': {
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    tag: 'operations',
    responses: { 200: { description: 'The OpenAPI document' } },
  },
  'GET /api/consultations': {
    operationId: 'listConsultations',
    summary: 'Published consultations, open ones first',
    tag: 'public',
    responses: { 200: { description: 'The consultations', schema: consultationListSchema } },
  },
  'GET /api/consultations/{consultationId}': {
    operationId: 'getConsultation',
    summary: 'One consultation with its commitments and their live tallies',
    tag: 'public',
    pathParameters: { consultationId: slugSchema },
    responses: {
      200: { description: 'The consultation', schema: consultationDetailSchema },
      404: { description: 'No published consultation has this id', problem: true },
    },
  },
};

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

function jsonSchema(schema: z.ZodType) {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const operation = OPERATIONS[`${route.method} ${route.path}`];
    if (!operation) throw new Error(`no OpenAPI operation for ${route.method} ${route.path}`);
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      const schema = response.problem ? PROBLEM_REF : response.schema ? jsonSchema(response.schema) : undefined;
      const mediaType = response.problem ? 'application/problem+json' : 'application/json';
      responses[status] = {
        description: response.description,
        ...(schema ? { content: { [mediaType]: { schema } } } : {}),
      };
    }
    responses['5XX'] = {
      description: 'Service unavailable (retry after the Retry-After header)',
      content: { 'application/problem+json': { schema: PROBLEM_REF } },
    };
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: operation.operationId,
      summary: operation.summary,
      tags: [operation.tag],
      parameters: [
        ...Object.entries(operation.pathParameters ?? {}).map(([name, schema]) => ({
          name,
          in: 'path',
          required: true,
          schema: jsonSchema(schema),
        })),
        {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description: 'sq (default) or en: the language of problem details',
          schema: { type: 'string' },
        },
      ],
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Konsulto API',
      version: '0.1.0',
      description:
        'Public consultation API for the OGP National Action Plan of Albania. Errors are RFC 9457 problem documents with messages in Albanian and English.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'public', description: 'Public reads, cacheable for a few seconds' },
      { name: 'operations', description: 'Health and contract' },
    ],
    paths,
    components: { schemas: { Problem: jsonSchema(problemSchema) } },
  };
}
