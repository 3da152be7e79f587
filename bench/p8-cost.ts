/**
 * P8: the AWS cost of a consultation of 100,000 participants (1,000,000 votes, 50,000 comments), from measured
 * counts. A sample of participants goes through the real handlers (participation with the DynamoDB rate limiter,
 * public-read, staff moderation) on DynamoDB Local, every DynamoDB call asking for ReturnConsumedCapacity; the
 * capacity units the database reports are summed per operation (attributed through AsyncLocalStorage, so concurrent
 * requests do not mix) and scaled to the consultation. Prices come from bench/prices.ts. What cannot be measured
 * here (Lambda duration in AWS, CloudFront bytes, log volume) follows the model of docs/deploy.md, named in `model`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { HttpEvent, HttpHandler } from '#functions/commons/http.ts';
import { createPublicReadHandler } from '#functions/consultations/public-read.ts';
import { createParticipationActions } from '#functions/participation/actions.ts';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { createDynamoCommentReader } from '#functions/repositories/comment-reader.ts';
import { createDynamoRateLimiter } from '#functions/repositories/rate-limiter.ts';
import { createDynamoTallyReader } from '#functions/repositories/tally-reader.ts';
import { createStaffActions } from '#functions/staff/actions.ts';
import { createStaffHandler } from '#functions/staff/pipeline.ts';
import { Catalog } from '#shared/catalog.ts';
import { localClientConfig } from '../local/dynamodb-local.ts';
import { ensureTable } from '../local/table.ts';
import { participantRequest, TEST_SECRET, testPipeline } from '../tests/support/participation.ts';
import { staffRequest } from '../tests/support/staff.ts';
import { PRICES, PRICES_TAKEN } from './prices.ts';
import { BENCH_NOW, type BenchDatabase, round, roundStats, runConcurrent, stats } from './support.ts';

const TARGET_USD = 15;
const COMMITMENTS = 10;

/** The consultation P8 prices (TARGETS.md), and the per-participant habits the model assumes. */
const AT_SCALE = {
  participants: 100_000,
  votes: 1_000_000,
  comments: 50_000,
  /** Not in TARGETS.md: two reactions per participant (assumption). */
  reactions: 200_000,
  /** Every participant declares a profile once and reads their own data once (docs/deploy.md). */
  profiles: 100_000,
  ownData: 100_000,
  /** Public reads reaching the origin, 5 per participant (docs/deploy.md): 3 consultation pages, 2 comment pages. */
  consultationReads: 300_000,
  commentPageReads: 200_000,
  /** docs/deploy.md counts one moderation action per comment (an upper bound under post-moderation). */
  moderations: 50_000,
};

/** What is not measured here, as docs/deploy.md models it. */
const MODEL = {
  /** Billed duration of a warm invocation (AWS latency to DynamoDB, not DynamoDB Local's) and the memory size. */
  lambdaSecondsPerRequest: 0.05,
  lambdaGb: 0.5,
  /** Static files per participant through CloudFront (5 pages × 4 files) and bytes per participant and request. */
  staticRequestsPerParticipant: 20,
  pageBytesPerParticipant: 150 * 1024,
  apiResponseBytes: 2 * 1024,
  /** One access-log line of 250 B per API request, and function logs of about three times that. */
  logBytesPerRequest: 4 * 250,
  /** Average stored item size (bytes) for storage and PITR, one month. */
  itemBytes: 300,
};

type Operation = keyof typeof OPERATIONS;
const OPERATIONS = {
  vote: { route: 'PUT /api/commitments/{commitmentId}/vote', atScale: AT_SCALE.votes },
  comment: { route: 'POST /api/commitments/{commitmentId}/comments', atScale: AT_SCALE.comments },
  reaction: { route: 'PUT /api/comments/{commentId}/reaction', atScale: AT_SCALE.reactions },
  profile: { route: 'PUT /api/me/profile', atScale: AT_SCALE.profiles },
  ownData: { route: 'GET /api/me', atScale: AT_SCALE.ownData },
  consultationRead: { route: 'GET /api/consultations/{consultationId}', atScale: AT_SCALE.consultationReads },
  commentPage: { route: 'GET /api/commitments/{commitmentId}/comments', atScale: AT_SCALE.commentPageReads },
  moderation: { route: 'POST /api/admin/comments/{commentId}/moderation', atScale: AT_SCALE.moderations },
} as const;

type Meter = {
  requests: number;
  errors: number;
  calls: number;
  rru: number;
  wru: number;
  /** Calls and capacity units by DynamoDB operation (GetItem, TransactWriteItems…). */
  commands: Record<string, { calls: number; units: number }>;
};
const newMeter = (): Meter => ({ requests: 0, errors: 0, calls: 0, rru: 0, wru: 0, commands: {} });
const READ_COMMANDS = /^(GetItem|Query|Scan|BatchGetItem|TransactGetItems)Command$/;
const CAPACITY_COMMANDS =
  /^(GetItem|PutItem|UpdateItem|DeleteItem|Query|Scan|BatchGetItem|BatchWriteItem|Transact\w+)Command$/;

/** A document client whose every call asks for, and counts, the consumed capacity into the current meter. */
function meteredClient(endpoint: string, meters: AsyncLocalStorage<Meter>) {
  const client = new DynamoDBClient({ endpoint, ...localClientConfig(), maxAttempts: 3 });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (CAPACITY_COMMANDS.test(command)) (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const meter = meters.getStore();
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      if (meter && consumed) {
        meter.calls++;
        const name = command.replace(/Command$/, '');
        meter.commands[name] ??= { calls: 0, units: 0 };
        const byCommand = meter.commands[name];
        byCommand.calls++;
        for (const c of [consumed].flat() as { CapacityUnits?: number }[]) {
          if (READ_COMMANDS.test(command)) meter.rru += c.CapacityUnits ?? 0;
          else meter.wru += c.CapacityUnits ?? 0;
          byCommand.units += c.CapacityUnits ?? 0;
        }
      }
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  return {
    client,
    documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
  };
}

function costCatalog(): Catalog {
  return new Catalog({
    consultations: [
      {
        id: 'bench',
        title: { sq: 'Bench' },
        summary: { sq: 'Bench' },
        opensAt: '2026-12-01T00:00:00Z',
        closesAt: '2027-01-01T00:00:00Z',
        status: 'published',
        moderationMode: 'post',
      },
    ],
    commitments: Array.from({ length: COMMITMENTS }, (_, i) => ({
      id: `commitment-${i + 1}`,
      consultationId: 'bench',
      order: i + 1,
      version: 1,
      title: { sq: `Angazhimi ${i + 1}` },
      summary: { sq: 'B' },
      sectionIds: ['problem', 'objective'],
    })),
  });
}

/** A participant's request from their own address (the IP rate limit is per address). */
function fromAddress(event: HttpEvent, participant: number): HttpEvent {
  const ip = `10.${(participant >> 16) & 255}.${(participant >> 8) & 255}.${participant & 255}`;
  return {
    ...event,
    requestContext: { ...event.requestContext, http: { ...event.requestContext.http, sourceIp: ip } },
  };
}

export async function benchCost(db: BenchDatabase, { participants }: { participants: number }) {
  const meters = new AsyncLocalStorage<Meter>();
  const tableName = 'konsulto-bench-cost';
  const { client, documents } = meteredClient(db.database.endpoint, meters);
  await ensureTable(client, tableName);
  const catalog = costCatalog();
  const now = BENCH_NOW;
  const participation = createParticipationHandler(
    testPipeline(now, { rateLimiter: createDynamoRateLimiter(documents, tableName) }),
    createParticipationActions({ catalog, client: documents, tableName, secureCookies: true }),
  );
  const publicRead = createPublicReadHandler({
    catalog,
    tallies: createDynamoTallyReader(documents, tableName),
    comments: createDynamoCommentReader(documents, tableName),
    clock: () => now,
  });
  const staff = createStaffHandler(
    { clock: () => now, cookieSecret: async () => TEST_SECRET },
    createStaffActions({ catalog, client: documents, tableName }),
  );
  const measured = Object.fromEntries(Object.keys(OPERATIONS).map((op) => [op, newMeter()])) as Record<
    Operation,
    Meter
  >;

  const ids = Array.from({ length: participants }, () => ulid());
  const commentIds: string[] = [];
  const perRequest = Object.fromEntries(Object.keys(OPERATIONS).map((op) => [op, [] as number[]])) as Record<
    Operation,
    number[]
  >;
  const run = async (op: Operation, handler: HttpHandler, event: HttpEvent, ok = [200, 201]) => {
    const meter = measured[op];
    const own = newMeter();
    const result = await meters.run(own, () => handler(event));
    meter.requests++;
    meter.calls += own.calls;
    meter.rru += own.rru;
    meter.wru += own.wru;
    for (const [name, c] of Object.entries(own.commands)) {
      meter.commands[name] ??= { calls: 0, units: 0 };
      const total = meter.commands[name];
      total.calls += c.calls;
      total.units += c.units;
    }
    if (!ok.includes(result.statusCode ?? 0)) {
      meter.errors++;
      return undefined;
    }
    perRequest[op].push(own.rru + own.wru);
    return result.body ? (JSON.parse(result.body) as Record<string, unknown>) : undefined;
  };
  /** Requests that threw (never reached a status): counted as errors beside the non-2xx answers. */
  let thrown = 0;
  const concurrently = async (count: number, task: (i: number) => Promise<unknown>) => {
    thrown += (await runConcurrent(count, 8, task)).errors;
  };
  const progress = (step: string) => process.stdout.write(`\r    ${step.padEnd(40)}`);

  progress('votes');
  await concurrently(participants * COMMITMENTS, (i) => {
    const p = Math.floor(i / COMMITMENTS);
    const commitmentId = `commitment-${(i % COMMITMENTS) + 1}`;
    const event = participantRequest(OPERATIONS.vote.route, {
      participantId: ids[p] as string,
      pathParameters: { commitmentId },
      body: { choice: ['support', 'oppose', 'neutral', 'support'][i % 4] },
    });
    return run('vote', participation, fromAddress(event, p));
  });
  progress('comments');
  // Every second participant comments once; one comment in five answers an earlier one.
  await concurrently(Math.floor(participants / 2), async (i) => {
    const p = i * 2;
    const parentId = i % 5 === 4 ? commentIds[i - 1] : undefined;
    const event = participantRequest(OPERATIONS.comment.route, {
      participantId: ids[p] as string,
      pathParameters: { commitmentId: `commitment-${(i % COMMITMENTS) + 1}` },
      body: {
        body: `Komenti ${i}: të rinjtë duhet të kenë një vend në KVSP dhe të dëgjohen rregullisht nga bashkia.`,
        ...(i % 3 === 0 && !parentId ? { sectionId: 'problem' } : {}),
        ...(parentId ? { parentId } : {}),
      },
      headers: { 'idempotency-key': ulid() },
    });
    const body = await run('comment', participation, fromAddress(event, p));
    if (typeof body?.id === 'string') commentIds.push(body.id);
  });
  progress('reactions');
  await concurrently(participants * 2, (i) => {
    const p = Math.floor(i / 2);
    const event = participantRequest(OPERATIONS.reaction.route, {
      participantId: ids[p] as string,
      pathParameters: { commentId: commentIds[(p * 7 + i) % commentIds.length] as string },
      body: { reaction: ['agree', 'disagree', 'pass'][i % 3] },
    });
    return run('reaction', participation, fromAddress(event, p));
  });
  progress('profiles and own data');
  await concurrently(participants, async (p) => {
    const profile = participantRequest(OPERATIONS.profile.route, {
      participantId: ids[p] as string,
      body: { stakeholderType: 'citizen', ageBand: '18-24', municipality: 'tirane' },
    });
    await run('profile', participation, fromAddress(profile, p));
    const me = participantRequest(OPERATIONS.ownData.route, { participantId: ids[p] as string });
    await run('ownData', participation, fromAddress(me, p));
  });
  progress('public reads');
  await concurrently(participants * 3, () =>
    run(
      'consultationRead',
      publicRead,
      participantRequest(OPERATIONS.consultationRead.route, { pathParameters: { consultationId: 'bench' } }),
    ),
  );
  await concurrently(participants * 2, (i) =>
    run(
      'commentPage',
      publicRead,
      participantRequest(OPERATIONS.commentPage.route, {
        pathParameters: { commitmentId: `commitment-${(i % COMMITMENTS) + 1}` },
      }),
    ),
  );
  progress('moderation');
  await concurrently(commentIds.length, (i) =>
    run(
      'moderation',
      staff,
      staffRequest(OPERATIONS.moderation.route, {
        user: 'moderator',
        pathParameters: { commentId: commentIds[commentIds.length - 1 - i] as string },
        body: { action: 'hide', reason: 'spam' },
      }),
    ),
  );
  process.stdout.write('\n');

  // Items kept (rate-limit windows expire through TTL), for storage.
  let items = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
        FilterExpression: '#t <> :rate',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':rate': 'RATE' },
      }),
    );
    items += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  const operations = (Object.keys(OPERATIONS) as Operation[]).map((op) => {
    const m = measured[op];
    // Every request is counted, answered or not: a refused one consumed its capacity too.
    const n = Math.max(1, m.requests);
    return {
      operation: op,
      route: OPERATIONS[op].route,
      requests: m.requests,
      errors: m.errors,
      dynamoCallsPerRequest: round(m.calls / n, 2),
      /** Per request: calls and capacity units of each DynamoDB operation. */
      byCommand: Object.fromEntries(
        Object.entries(m.commands).map(([name, c]) => [
          name,
          { calls: round(c.calls / n, 2), units: round(c.units / n, 2) },
        ]),
      ),
      wruPerRequest: round(m.wru / n, 2),
      rruPerRequest: round(m.rru / n, 2),
      capacityPerRequest: roundStats(stats(perRequest[op]), 1),
      atScale: OPERATIONS[op].atScale,
    };
  });
  const wru = operations.reduce((sum, o) => sum + o.wruPerRequest * o.atScale, 0);
  const rru = operations.reduce((sum, o) => sum + o.rruPerRequest * o.atScale, 0);
  const apiRequests = operations.reduce((sum, o) => sum + o.atScale, 0);
  const storedItems = (items / participants) * AT_SCALE.participants;
  const storageGb = (storedItems * MODEL.itemBytes) / 1024 ** 3;
  const cloudFrontRequests = AT_SCALE.participants * MODEL.staticRequestsPerParticipant + apiRequests;
  const gbOut =
    (AT_SCALE.participants * MODEL.pageBytesPerParticipant + apiRequests * MODEL.apiResponseBytes) / 1024 ** 3;
  const logGb = (apiRequests * MODEL.logBytesPerRequest) / 1024 ** 3;
  const costs = PRICES.map((p) => {
    const lines = {
      dynamoWrites: wru * p.dynamoWru,
      dynamoReads: rru * p.dynamoRru,
      dynamoStorage: storageGb * (p.dynamoStorageGbMonth + p.dynamoPitrGbMonth),
      lambdaRequests: apiRequests * p.lambdaRequest,
      lambdaDuration: apiRequests * MODEL.lambdaSecondsPerRequest * MODEL.lambdaGb * p.lambdaGbSecond,
      httpApi: apiRequests * p.httpApiRequest,
      cloudFrontRequests: cloudFrontRequests * p.cloudFrontRequest,
      cloudFrontData: gbOut * p.cloudFrontGbOut,
      waf: cloudFrontRequests * p.wafRequest,
      logs: logGb * p.cloudWatchLogsGb,
    };
    const total = Object.values(lines).reduce((a, b) => a + b, 0);
    return {
      region: p.region,
      lines: Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, round(v, 2)])),
      totalUsd: round(total, 2),
      verdict: total <= TARGET_USD ? 'met' : 'missed',
    };
  });
  const errors = thrown + operations.reduce((sum, o) => sum + o.errors, 0);
  return {
    sampleParticipants: participants,
    atScale: AT_SCALE,
    operations,
    totals: {
      wru: Math.round(wru),
      rru: Math.round(rru),
      apiRequests,
      cloudFrontRequests,
      storedItems: Math.round(storedItems),
      cloudFrontGbOut: round(gbOut, 1),
      logGb: round(logGb, 2),
    },
    model: MODEL,
    prices: PRICES_TAKEN,
    costs,
    errors,
    targetUsd: TARGET_USD,
    verdict: errors === 0 && costs.every((c) => c.verdict === 'met') ? 'met' : 'missed',
  };
}
