/**
 * P3: a vote through the participation handler vs the raw DynamoDB transaction it issues, same run, same database.
 * Both write first votes of distinct participants (the common case: one transaction, no read), concurrency 16.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { signParticipantId } from '#functions/commons/participant-cookie.ts';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { voteActions } from '#functions/participation/votes.ts';
import { noRateLimiter } from '#functions/repositories/rate-limiter.ts';
import { createDynamoVoteRepository } from '#functions/repositories/vote-repository.ts';
import { indexKeys, keys, shardOf } from '#shared/keys.ts';
import type { BenchDatabase } from './support.ts';
import { BENCH_NOW, benchCatalog, round, roundStats, runConcurrent, stats } from './support.ts';

const SECRET = Buffer.from('bench-secret-of-at-least-32-characters-000000');
const NOW = BENCH_NOW;
const CATALOG = benchCatalog('bench-commitment', []);

export async function benchVotes(db: BenchDatabase, { votes, rounds }: { votes: number; rounds: number }) {
  const { documents, tableName } = db;
  const handler = createParticipationHandler(
    {
      clock: () => NOW,
      cookieSecret: async () => SECRET,
      rateLimiter: noRateLimiter,
      rateLimits: { perParticipantPerMinute: 1e9, perIpPerMinute: 1e9 },
      allowedOrigins: ['http://localhost:8080'],
      secureCookies: false,
    },
    voteActions({ catalog: CATALOG, votes: createDynamoVoteRepository(documents, tableName) }),
  );

  const raw = async () => {
    const participantId = ulid();
    const at = NOW.toISOString();
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.vote(participantId, 'bench-commitment'),
                type: 'VOTE',
                participantId,
                commitmentId: 'bench-commitment',
                consultationId: 'bench',
                choice: 'support',
                createdAt: at,
                updatedAt: at,
                gsi1pk: indexKeys.commitmentVotes('bench-commitment', shardOf(participantId)),
                gsi1sk: participantId,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.tallyShard('bench-commitment', shardOf(participantId)),
              UpdateExpression: 'SET #type = :type, commitmentId = :commitmentId ADD #c0 :d0',
              ExpressionAttributeNames: { '#type': 'type', '#c0': 'support' },
              ExpressionAttributeValues: { ':type': 'TALLY', ':commitmentId': 'bench-commitment', ':d0': 1 },
            },
          },
        ],
      }),
    );
  };

  const viaHandler = async () => {
    const participantId = ulid();
    const result = await handler({
      version: '2.0',
      routeKey: 'PUT /api/commitments/{commitmentId}/vote',
      rawPath: '/api/commitments/bench-commitment/vote',
      rawQueryString: '',
      headers: { origin: 'http://localhost:8080', 'content-type': 'application/json' },
      cookies: [`konsulto_participant=${signParticipantId(participantId, SECRET)}`],
      pathParameters: { commitmentId: 'bench-commitment' },
      body: '{"choice":"support"}',
      isBase64Encoded: false,
      requestContext: {
        accountId: 'bench',
        apiId: 'bench',
        domainName: 'localhost',
        domainPrefix: 'localhost',
        http: {
          method: 'PUT',
          path: '/api/commitments/bench-commitment/vote',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'bench',
        },
        requestId: 'bench',
        routeKey: 'PUT /api/commitments/{commitmentId}/vote',
        stage: '$default',
        time: '',
        timeEpoch: 0,
      },
    });
    if (result.statusCode !== 200) throw new Error(`status ${result.statusCode}`);
  };

  // Warm both paths, then alternate rounds so machine noise hits both alike.
  await runConcurrent(200, 16, raw);
  await runConcurrent(200, 16, viaHandler);
  const rawMs: number[] = [];
  const handlerMs: number[] = [];
  let errors = 0;
  for (let r = 0; r < rounds; r++) {
    const a = await runConcurrent(votes, 16, raw);
    const b = await runConcurrent(votes, 16, viaHandler);
    rawMs.push(a.ms);
    handlerMs.push(b.ms);
    errors += a.errors + b.errors;
  }
  const ratios = handlerMs.map((ms, i) => ms / (rawMs[i] ?? ms));
  const throughput = handlerMs.map((ms) => (votes / ms) * 1000);
  return {
    votesPerRound: votes,
    rounds,
    concurrency: 16,
    rawTransactionMs: roundStats(stats(rawMs), 0),
    handlerMs: roundStats(stats(handlerMs), 0),
    ratio: { ...roundStats(stats(ratios), 3), target: 1.15 },
    handlerVotesPerSecond: { ...roundStats(stats(throughput), 0), target: 300 },
    errors,
    verdict: stats(ratios).median <= 1.15 && stats(throughput).median >= 300 && errors === 0 ? 'met' : 'missed',
    summary: `ratio ${round(stats(ratios).median, 3)}, ${round(stats(throughput).median)} votes/s, ${errors} errors`,
  };
}
