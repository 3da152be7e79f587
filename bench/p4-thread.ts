/**
 * P4: the first page and a deep page of a 5,000-comment thread through the local HTTP adapter (the handler modules'
 * factories on DynamoDB Local), cursor pagination, no Scan. Target: ≤ 50 ms median per page.
 */
import type { AddressInfo } from 'node:net';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import type { HttpHandler } from '#functions/commons/http.ts';
import { createPublicReadHandler } from '#functions/consultations/public-read.ts';
import { createDynamoCommentReader } from '#functions/repositories/comment-reader.ts';
import { createDynamoTallyReader } from '#functions/repositories/tally-reader.ts';
import { newCommentItem } from '#shared/comments.ts';
import { createLocalServer } from '../local/http-adapter.ts';
import { BENCH_NOW, type BenchDatabase, benchCatalog, roundStats, stats } from './support.ts';

const CATALOG = benchCatalog('thread', ['problem', 'objective']);

async function seedComments(db: BenchDatabase, count: number, onProgress: (n: number) => void) {
  const nextId = monotonicFactory();
  const items = Array.from({ length: count }, (_, i) =>
    newCommentItem({
      id: nextId(),
      consultationId: 'bench',
      commitmentId: 'thread',
      ...(i % 3 === 0 ? { sectionId: 'problem' } : {}),
      body: `Komenti numër ${i + 1}: të rinjtë duhet të kenë një vend në KVSP dhe të dëgjohen rregullisht.`,
      participantId: nextId(),
      createdAt: new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString(),
      status: 'published',
    }),
  );
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const output = await db.documents.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }));
      pending = (output.UnprocessedItems?.[db.tableName] as typeof pending | undefined) ?? [];
    }
    onProgress(Math.min(i + 25, count));
  }
}

export async function benchThread(db: BenchDatabase, { comments, samples }: { comments: number; samples: number }) {
  await seedComments(db, comments, (n) => {
    if (n % 1000 === 0 || n === comments) process.stdout.write(`\r    seeding comments ${n}/${comments}`);
  });
  process.stdout.write('\n');
  const publicRead = createPublicReadHandler({
    catalog: CATALOG,
    tallies: createDynamoTallyReader(db.documents, db.tableName),
    comments: createDynamoCommentReader(db.documents, db.tableName),
    clock: () => BENCH_NOW,
  });
  const unused: HttpHandler = async () => ({ statusCode: 404 });
  const server = createLocalServer({
    handlers: { health: unused, 'public-read': publicRead, participation: unused } as Parameters<
      typeof createLocalServer
    >[0]['handlers'],
    siteDir: '.',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/commitments/thread/comments`;
  try {
    const timePage = async (query: string) => {
      const started = performance.now();
      const response = await fetch(`${base}?${query}`);
      const body = (await response.json()) as { comments: unknown[]; nextCursor?: string };
      if (response.status !== 200 || body.comments.length === 0) throw new Error(`page failed: ${response.status}`);
      return { ms: performance.now() - started, cursor: body.nextCursor };
    };
    // A deep page: follow the cursor 100 pages of 20 in (comments 2,001-2,020).
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++)
      cursor = (await timePage(`limit=20${cursor ? `&cursor=${cursor}` : ''}`)).cursor;
    const deepQuery = `limit=20&cursor=${cursor}`;
    const measure = async (query: string) => {
      for (let i = 0; i < 5; i++) await timePage(query);
      const times: number[] = [];
      for (let i = 0; i < samples; i++) times.push((await timePage(query)).ms);
      return roundStats(stats(times), 1);
    };
    const first = await measure('limit=20');
    const deep = await measure(deepQuery);
    const agreed = await measure('limit=20&sort=agreed');
    const section = await measure('limit=20&section=problem');
    const worst = Math.max(first.median, deep.median, agreed.median, section.median);
    return {
      comments,
      pageSize: 20,
      samples,
      firstPageMs: first,
      deepPageMs: deep,
      mostAgreedMs: agreed,
      sectionMs: section,
      targetMs: 50,
      verdict: worst <= 50 ? 'met' : 'missed',
    };
  } finally {
    server.close();
  }
}
