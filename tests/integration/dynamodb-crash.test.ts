import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpHandler } from '#functions/commons/http.ts';
import { commentActions } from '#functions/participation/comments.ts';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { voteActions } from '#functions/participation/votes.ts';
import { createDynamoCommentRepository } from '#functions/repositories/comment-repository.ts';
import { createDynamoVoteRepository } from '#functions/repositories/vote-repository.ts';
import { Catalog } from '#shared/catalog.ts';
import { VOTE_CHOICES, type VoteChoice } from '#shared/schemas/participation.ts';
import { type DynamoDbLocal, freePort, localClientConfig, startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { ensureTable } from '../../local/table.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { participantRequest, testPipeline } from '../support/participation.ts';

/**
 * R12: DynamoDB Local, keeping its data on disk, is killed (SIGKILL, as a crash) in the middle of a load of votes and
 * comments sent through the participation handler, then restarted on the same files and port. Clients retry every
 * unanswered or failed request with the same request (the same participant and choice for a vote, the same
 * Idempotency-Key for a comment) until it is acknowledged. Afterwards every acknowledged write is stored exactly once
 * and every tally equals its vote items. No timing is asserted: the kill is triggered by a count of acknowledgements.
 *
 * DynamoDB Local answers a TransactWriteItems a few milliseconds before the transaction is on disk: a SIGKILL right
 * after the answer can lose it whole (vote and tally together; a PutItem is not affected). DynamoDB itself answers
 * only once a write is durable. So, standing in for that guarantee, an answer that arrived less than IN_DOUBT_MS
 * before the kill, or while the process was going down, counts as no answer: the client sends the same request again
 * after the restart, which must not store it twice.
 */
const IN_DOUBT_MS = 500;
const COMMITMENTS = ['youth-seats', 'public-meetings'];
const VOTERS = 120;
const COMMENTS = 60;
const WORKERS = 12;
const TABLE_NAME = 'konsulto-crash';

type Vote = { kind: 'vote'; participantId: string; commitmentId: string; choice: VoteChoice };
type Comment = { kind: 'comment'; participantId: string; commitmentId: string; key: string; body: string };
type Write = Vote | Comment;

let dataDir: string;
let database: DynamoDbLocal;
let port: number;
let documents: DynamoDBDocumentClient;
let handler: HttpHandler;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'konsulto-crash-'));
  port = await freePort();
  database = await startDynamoDbLocal({ dataDir, port });
  // One attempt per call and short timeouts: the handler answers 5xx at once while the database is down, and the
  // client (below) does the retrying, as a browser would.
  const client = new DynamoDBClient({
    endpoint: database.endpoint,
    ...localClientConfig(),
    requestHandler: { connectionTimeout: 2000, requestTimeout: 5000 },
  });
  await ensureTable(client, TABLE_NAME);
  documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const catalog = new Catalog(catalogFixture);
  handler = createParticipationHandler(testPipeline(NOW), {
    ...voteActions({ catalog, votes: createDynamoVoteRepository(documents, TABLE_NAME) }),
    ...commentActions({ catalog, comments: createDynamoCommentRepository(documents, TABLE_NAME) }),
  });
}, 120_000);

afterAll(async () => {
  documents?.destroy();
  await database?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function plannedWrites(): Write[] {
  const writes: Write[] = [];
  for (let i = 0; i < VOTERS; i++) {
    const participantId = ulid();
    COMMITMENTS.forEach((commitmentId, c) => {
      writes.push({
        kind: 'vote',
        participantId,
        commitmentId,
        choice: VOTE_CHOICES[(i + c) % VOTE_CHOICES.length] as VoteChoice,
      });
    });
  }
  for (let i = 0; i < COMMENTS; i++) {
    const key = `crash-${i}-${ulid()}`;
    writes.push({
      kind: 'comment',
      participantId: ulid(),
      commitmentId: COMMITMENTS[i % COMMITMENTS.length] as string,
      key,
      body: `Komenti ${key}`,
    });
  }
  // Interleave votes and comments so both are in flight when the database dies: order by the random part of the
  // participant ULIDs (their first 10 characters are the time they were made, votes first).
  return writes.sort((a, b) => a.participantId.slice(10).localeCompare(b.participantId.slice(10)));
}

function send(write: Write) {
  if (write.kind === 'vote') {
    return handler(
      participantRequest('PUT /api/commitments/{commitmentId}/vote', {
        participantId: write.participantId,
        body: { choice: write.choice },
        pathParameters: { commitmentId: write.commitmentId },
      }),
    );
  }
  return handler(
    participantRequest('POST /api/commitments/{commitmentId}/comments', {
      participantId: write.participantId,
      body: { body: write.body },
      pathParameters: { commitmentId: write.commitmentId },
      headers: { 'idempotency-key': write.key },
    }),
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function scanAll(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('R12: DynamoDB Local killed mid-load, restarted on the same data, clients retry', () => {
  it('keeps every acknowledged vote and comment exactly once, and every tally equal to its vote items', async () => {
    const writes = plannedWrites();
    const answered: { write: Write; at: number }[] = [];
    let failures = 0;
    let killedAt = Number.POSITIVE_INFINITY;
    let restartedAt = Number.POSITIVE_INFINITY;
    let restarted = false;
    let crash: Promise<void> | undefined;
    const crashAt = Math.floor(writes.length / 3);

    const crashAndRestart = async () => {
      killedAt = performance.now();
      await database.kill();
      database = await startDynamoDbLocal({ dataDir, port });
      restartedAt = performance.now();
      restarted = true;
    };

    /** Sends `write` until it is answered 200 or 201; only server errors (the outage) may come in between. */
    const untilAnswered = async (write: Write) => {
      for (let attempt = 0; ; attempt++) {
        const result = await send(write);
        const status = result.statusCode ?? 0;
        if (status === 200 || status === 201) return;
        expect(status, result.body).toBeGreaterThanOrEqual(500);
        failures++;
        await pause(Math.min(50 * 2 ** attempt, 1000));
      }
    };

    let next = 0;
    const worker = async () => {
      while (next < writes.length) {
        const write = writes[next++] as Write;
        await untilAnswered(write);
        answered.push({ write, at: performance.now() });
        if (answered.length === crashAt) crash = crashAndRestart();
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    await crash;

    // The crash happened mid-load: writes were answered before it, and requests failed while it lasted.
    expect(restarted).toBe(true);
    expect(answered).toHaveLength(writes.length);
    expect(failures).toBeGreaterThan(0);
    const beforeKill = answered.filter((a) => a.at <= killedAt);
    expect(beforeKill.length).toBeGreaterThanOrEqual(crashAt);
    expect(beforeKill.length).toBeLessThan(writes.length);

    // Answers DynamoDB Local may not have persisted (see above) are sent again, now that it is back.
    // Also those that arrived while the process was dying (an answer already on its way).
    const inDoubt = answered.filter((a) => a.at >= killedAt - IN_DOUBT_MS && a.at < restartedAt);
    for (const { write } of inDoubt) await untilAnswered(write);
    const acknowledged = answered.map((a) => a.write);

    const items = await scanAll();
    const votes = items.filter((item) => item.type === 'VOTE');
    const tallies = items.filter((item) => item.type === 'TALLY');
    const comments = items.filter((item) => item.type === 'COMMENT');

    // Every acknowledged vote is present exactly once, with its choice.
    const ackedVotes = acknowledged.filter((w): w is Vote => w.kind === 'vote');
    expect(votes).toHaveLength(ackedVotes.length);
    const stored = new Map(votes.map((v) => [`${v.participantId}|${v.commitmentId}`, v.choice]));
    expect(stored.size).toBe(ackedVotes.length);
    for (const vote of ackedVotes) expect(stored.get(`${vote.participantId}|${vote.commitmentId}`)).toBe(vote.choice);

    // Every tally (the sum of its shards) equals the vote items of its commitment, choice by choice.
    for (const commitmentId of COMMITMENTS) {
      for (const choice of VOTE_CHOICES) {
        const counted = tallies
          .filter((t) => t.commitmentId === commitmentId)
          .reduce((sum, t) => sum + Number(t[choice] ?? 0), 0);
        const items = votes.filter((v) => v.commitmentId === commitmentId && v.choice === choice).length;
        expect(counted, `${commitmentId} ${choice}`).toBe(items);
        expect(items, `${commitmentId} ${choice}`).toBe(
          ackedVotes.filter((v) => v.commitmentId === commitmentId && v.choice === choice).length,
        );
      }
    }

    // Every acknowledged comment is present exactly once: a retry with the same key never adds a second one.
    const ackedComments = acknowledged.filter((w): w is Comment => w.kind === 'comment');
    expect(comments).toHaveLength(ackedComments.length);
    expect(comments.map((c) => c.body).sort()).toEqual(ackedComments.map((c) => c.body).sort());
  }, 180_000);
});
