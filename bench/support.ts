import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Catalog } from '#shared/catalog.ts';
import { type DynamoDbLocal, localClientConfig, startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { ensureTable } from '../local/table.ts';

export type Stats = { median: number; min: number; max: number };

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function roundStats(s: Stats, digits = 1): Stats {
  return { median: round(s.median, digits), min: round(s.min, digits), max: round(s.max, digits) };
}

/** Runs `task` for every index with at most `concurrency` in flight; returns the elapsed milliseconds and errors. */
export async function runConcurrent(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<{ ms: number; errors: number }> {
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        try {
          await task(i);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { ms: performance.now() - started, errors };
}

export type BenchDatabase = {
  database: DynamoDbLocal;
  documents: DynamoDBDocumentClient;
  tableName: string;
  close: () => Promise<void>;
};

/** A throw-away in-memory DynamoDB Local with the shared table, for one benchmark run. */
export async function benchDatabase(tableName = 'konsulto-bench'): Promise<BenchDatabase> {
  const database = await startDynamoDbLocal();
  const client = new DynamoDBClient({ endpoint: database.endpoint, ...localClientConfig(), maxAttempts: 3 });
  await ensureTable(client, tableName);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    database,
    documents,
    tableName,
    close: async () => {
      client.destroy();
      await database.stop();
    },
  };
}

/** One open, post-moderated consultation with one commitment, for the benchmarks. */
export function benchCatalog(commitmentId: string, sectionIds: string[] = []): Catalog {
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
    commitments: [
      {
        id: commitmentId,
        consultationId: 'bench',
        order: 1,
        version: 1,
        title: { sq: 'B' },
        summary: { sq: 'B' },
        sectionIds,
      },
    ],
  });
}

/** Inside the bench consultation's window. */
export const BENCH_NOW = new Date('2026-12-10T12:00:00Z');
