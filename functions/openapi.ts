import { z } from 'zod';
import {
  commentPageSchema,
  commitmentTallySchema,
  consultationDetailSchema,
  consultationListSchema,
  healthSchema,
  meSchema,
  pendingCommentSchema,
  problemSchema,
  publicCommentSchema,
  reactionResultSchema,
  reportResultSchema,
  threadQuerySchema,
  voteResultSchema,
} from '#shared/schemas/api.ts';
import { slugSchema, ulidSchema } from '#shared/schemas/common.ts';
import { participantProfileSchema } from '#shared/schemas/participant.ts';
import {
  commentInputSchema,
  commentReactionInputSchema,
  commitmentVoteInputSchema,
  reportInputSchema,
} from '#shared/schemas/participation.ts';
import { ROUTES } from './routes.ts';

/**
 * The OpenAPI 3.1 document of the API, generated from the same zod schemas the handlers use.
 * Every route in ROUTES has exactly one operation here (checked by tests/unit/openapi.test.ts).
 */
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tag: 'public' | 'participation' | 'operations' | 'staff';
  pathParameters?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  requestBody?: z.ZodType;
  /** Writes authenticated by the participant cookie: same-origin, JSON, rate-limited. */
  participantWrite?: true;
  responses: Record<number, { description: string; schema?: z.ZodType; problem?: true }>;
};

const COMMITMENT_ID = { commitmentId: slugSchema };
const COMMENT_ID = { commentId: ulidSchema };
const NOT_FOUND = { description: 'Unknown commitment or comment', problem: true } as const;
const INVALID = {
  description: 'Invalid input: each invalid field named, in Albanian and English',
  problem: true,
} as const;
const WRITE_ERRORS = {
  400: INVALID,
  403: { description: 'Cross-origin write refused (Origin header missing or foreign)', problem: true },
  404: NOT_FOUND,
  409: { description: 'The consultation is not open (not yet, or closed)', problem: true },
  413: { description: 'Body too large', problem: true },
  415: { description: 'Body is not application/json', problem: true },
  429: { description: 'Too many writes; see Retry-After', problem: true },
} as const;

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
  'GET /api/commitments/{commitmentId}/tally': {
    operationId: 'getCommitmentTally',
    summary: "A commitment's live vote and comment counts",
    tag: 'public',
    pathParameters: COMMITMENT_ID,
    responses: { 200: { description: 'The tally', schema: commitmentTallySchema }, 404: NOT_FOUND },
  },
  'GET /api/commitments/{commitmentId}/comments': {
    operationId: 'listComments',
    summary: 'Top-level published comments, newest or most agreed first, optionally one section; cursor pagination',
    tag: 'public',
    pathParameters: COMMITMENT_ID,
    query: threadQuerySchema,
    responses: {
      200: { description: 'One page of comments', schema: commentPageSchema },
      400: INVALID,
      404: NOT_FOUND,
    },
  },
  'GET /api/comments/{commentId}/replies': {
    operationId: 'listReplies',
    summary: 'Published replies of a comment, oldest first; cursor pagination',
    tag: 'public',
    pathParameters: COMMENT_ID,
    query: threadQuerySchema.pick({ cursor: true, limit: true }),
    responses: { 200: { description: 'One page of replies', schema: commentPageSchema }, 400: INVALID, 404: NOT_FOUND },
  },
  'POST /api/commitments/{commitmentId}/comments': {
    operationId: 'createComment',
    summary: 'Comment on a commitment, optionally on one section, or reply to a comment (parentId)',
    description:
      'Send an Idempotency-Key header to make retries safe: a retried request has one effect and the same answer.',
    tag: 'participation',
    pathParameters: COMMITMENT_ID,
    requestBody: commentInputSchema,
    participantWrite: true,
    responses: {
      201: { description: 'Published (post-moderation)', schema: publicCommentSchema },
      202: { description: 'Accepted, awaiting pre-moderation', schema: pendingCommentSchema },
      ...WRITE_ERRORS,
    },
  },
  'DELETE /api/comments/{commentId}': {
    operationId: 'deleteOwnComment',
    summary: 'Delete your own comment: its text is removed, its replies stay',
    tag: 'participation',
    pathParameters: COMMENT_ID,
    participantWrite: true,
    responses: { 200: { description: 'Deleted', schema: publicCommentSchema }, ...WRITE_ERRORS },
  },
  'PUT /api/commitments/{commitmentId}/vote': {
    operationId: 'castVote',
    summary: 'Vote support, oppose or neutral; one vote per participant, changeable',
    tag: 'participation',
    pathParameters: COMMITMENT_ID,
    requestBody: commitmentVoteInputSchema,
    participantWrite: true,
    responses: { 200: { description: 'The stored vote', schema: voteResultSchema }, ...WRITE_ERRORS },
  },
  'DELETE /api/commitments/{commitmentId}/vote': {
    operationId: 'withdrawVote',
    summary: 'Withdraw your vote',
    tag: 'participation',
    pathParameters: COMMITMENT_ID,
    participantWrite: true,
    responses: { 200: { description: 'Withdrawn (choice is null)', schema: voteResultSchema }, ...WRITE_ERRORS },
  },
  'PUT /api/comments/{commentId}/reaction': {
    operationId: 'reactToComment',
    summary: 'Agree, disagree or pass on a comment; one reaction per participant, changeable',
    tag: 'participation',
    pathParameters: COMMENT_ID,
    requestBody: commentReactionInputSchema,
    participantWrite: true,
    responses: {
      200: { description: 'The reaction and the fresh counts', schema: reactionResultSchema },
      ...WRITE_ERRORS,
    },
  },
  'POST /api/comments/{commentId}/reports': {
    operationId: 'reportComment',
    summary: 'Report a comment; after 3 distinct reporters it is hidden pending review',
    tag: 'participation',
    pathParameters: COMMENT_ID,
    requestBody: reportInputSchema,
    participantWrite: true,
    responses: { 202: { description: 'Report received', schema: reportResultSchema }, ...WRITE_ERRORS },
  },
  'GET /api/me': {
    operationId: 'getMe',
    summary: 'Your profile, votes and reactions (from the participant cookie)',
    tag: 'participation',
    responses: { 200: { description: 'Your data (empty for a new participant)', schema: meSchema } },
  },
  'PUT /api/me/profile': {
    operationId: 'setProfile',
    summary: 'Set or clear your optional profile (display name, stakeholder type, municipality, age band)',
    tag: 'participation',
    requestBody: participantProfileSchema,
    participantWrite: true,
    responses: { 200: { description: 'The stored profile', schema: participantProfileSchema }, ...WRITE_ERRORS },
  },
  'DELETE /api/me': {
    operationId: 'eraseMe',
    summary: 'Erase yourself: profile removed, contributions pseudonymised, votes kept only as anonymous counts',
    tag: 'participation',
    participantWrite: true,
    responses: {
      200: { description: 'Erased; the cookie is cleared' },
      403: WRITE_ERRORS[403],
      429: WRITE_ERRORS[429],
    },
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

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output') {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
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
        ...Object.entries(operation.query?.shape ?? {}).map(([name, schema]) => ({
          name,
          in: 'query',
          required: false,
          schema: jsonSchema(schema as z.ZodType, 'input'),
        })),
        ...(operation.participantWrite
          ? [
              {
                name: 'Origin',
                in: 'header',
                required: true,
                description: "The site's own origin (CSRF defence)",
                schema: { type: 'string' },
              },
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                description: 'Makes a retried write have one effect and the same answer',
                schema: { type: 'string', maxLength: 64 },
              },
            ]
          : []),
        {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description: 'sq (default) or en: the language of problem details',
          schema: { type: 'string' },
        },
      ],
      ...(operation.requestBody
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(operation.requestBody, 'input') } },
            },
          }
        : {}),
      ...(operation.participantWrite ? { security: [{ participantCookie: [] }, {}] } : {}),
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
      {
        name: 'participation',
        description:
          'Citizen writes and own data. No account: a signed, HttpOnly participant cookie is set by the first write.',
      },
      { name: 'operations', description: 'Health and contract' },
    ],
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema) },
      securitySchemes: {
        participantCookie: { type: 'apiKey', in: 'cookie', name: 'konsulto_participant' },
      },
    },
  };
}
