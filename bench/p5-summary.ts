/**
 * P5: a consultation summary end to end from DynamoDB Local (5,000 comments and replies, 50,000 votes, plus the
 * voters' profiles and 10,000 reactions), against merely reading the same items. Both read the items through the
 * summary source (a parallel Scan with the summary's filter and projection); the summary also computes everything
 * and writes every file (CSV, JSON, HTML in both languages). Target: ≤ 5 s, and ≤ 1.3× the reading alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoSummarySource } from '#functions/repositories/summary-source.ts';
import { newCommentItem } from '#shared/comments.ts';
import { indexKeys, keys, shardOf } from '#shared/keys.ts';
import { MUNICIPALITY_IDS } from '#shared/municipalities.ts';
import { AGE_BANDS, STAKEHOLDER_TYPES } from '#shared/schemas/participant.ts';
import { writeSummary } from '../scripts/summary.ts';
import { benchContext, random } from './p6-summary.ts';
import { type BenchDatabase, round, roundStats, stats } from './support.ts';

const TARGET_MS = 5000;
const TARGET_RATIO = 1.3;
const COMMITMENTS = 5;

const SQ =
  'të rinjtë duhet marrin pjesë këshilli vendor sigurisë publike policia bashkia komuniteti shkolla takime raportim forum rinor'.split(
    ' ',
  );

function pid(i: number): string {
  return `01KP${String(i).padStart(22, '0')}`;
}

/** The items of the benchmark consultation, in the shapes the repositories write. */
function benchItems({ comments, votes, reactions }: { comments: number; votes: number; reactions: number }) {
  const rand = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const at = () => new Date(Date.UTC(2026, 11, 1) + Math.floor(rand() * 30 * 86_400_000)).toISOString();
  const participants = Math.ceil(votes / COMMITMENTS);
  const items: Record<string, unknown>[] = [];
  for (let p = 0; p < participants; p++) {
    if (rand() < 0.6) {
      items.push({
        ...keys.participantProfile(pid(p)),
        type: 'PROFILE',
        participantId: pid(p),
        stakeholderType: pick(STAKEHOLDER_TYPES),
        municipality: pick(MUNICIPALITY_IDS),
        ageBand: pick(AGE_BANDS),
        updatedAt: at(),
      });
    }
  }
  for (let v = 0; v < votes; v++) {
    const participantId = pid(v % participants);
    const commitmentId = `commitment-${1 + Math.floor(v / participants)}`;
    const when = at();
    items.push({
      ...keys.vote(participantId, commitmentId),
      type: 'VOTE',
      participantId,
      commitmentId,
      consultationId: 'bench',
      choice: pick(['support', 'support', 'oppose', 'neutral'] as const),
      createdAt: when,
      updatedAt: when,
      gsi1pk: indexKeys.commitmentVotes(commitmentId, shardOf(participantId)),
      gsi1sk: participantId,
    });
  }
  const commentIds: string[] = [];
  for (let c = 0; c < comments; c++) {
    const id = `01KC${String(c).padStart(22, '0')}`;
    const reply = c >= 100 && c % 5 === 0;
    const item = newCommentItem({
      id,
      consultationId: 'bench',
      commitmentId: `commitment-${1 + (c % COMMITMENTS)}`,
      ...(c % 3 === 0 ? { sectionId: 'problem' } : {}),
      ...(reply ? { parentId: commentIds[c - 100 + (c % 5)] as string } : {}),
      body: Array.from({ length: 10 + Math.floor(rand() * 30) }, () => pick(SQ)).join(' '),
      participantId: pid(Math.floor(rand() * participants)),
      createdAt: at(),
      status: 'published',
    });
    items.push({ ...item, agree: Math.floor(rand() * 30), disagree: Math.floor(rand() * 10) });
    items.push({ ...keys.ownComment(item.participantId, id), type: 'OWN_COMMENT', commentId: id });
    commentIds.push(id);
  }
  for (let r = 0; r < reactions; r++) {
    const participantId = pid(Math.floor(rand() * participants));
    const commentId = commentIds[r % commentIds.length] as string;
    const when = at();
    items.push({
      ...keys.reaction(participantId, commentId),
      type: 'REACTION',
      participantId,
      commentId,
      commitmentId: `commitment-${1 + ((r % commentIds.length) % COMMITMENTS)}`,
      reaction: pick(['agree', 'disagree', 'pass'] as const),
      createdAt: when,
      updatedAt: when,
    });
  }
  // Reactions drawn at random can repeat a key: keep the last, as the table would.
  return [...new Map(items.map((item) => [`${item.pk}|${item.sk}`, item])).values()];
}

async function seed(db: BenchDatabase, items: Record<string, unknown>[], onProgress: (n: number) => void) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let done = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const output = await db.documents.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }));
          pending = (output.UnprocessedItems?.[db.tableName] as typeof pending | undefined) ?? [];
        }
        done += batch.length;
        onProgress(done);
      }
    }),
  );
}

export async function benchSummaryEndToEnd(
  db: BenchDatabase,
  { comments, votes, reactions, rounds }: { comments: number; votes: number; reactions: number; rounds: number },
) {
  const items = benchItems({ comments, votes, reactions });
  await seed(db, items, (n) => {
    if (n % 5000 < 25 || n === items.length) process.stdout.write(`\r    seeding ${n}/${items.length} items`);
  });
  process.stdout.write('\n');
  const source = createDynamoSummarySource(db.documents, db.tableName);
  const context = benchContext(COMMITMENTS);
  const commitmentIds = context.commitments.map((c) => c.id);
  const out = await mkdtemp(path.join(tmpdir(), 'konsulto-p5-'));
  const read: number[] = [];
  const summary: number[] = [];
  let returned = 0;
  try {
    // One warm-up of each, then alternate.
    for (let round = -1; round < rounds; round++) {
      let started = performance.now();
      let n = 0;
      for await (const _ of source.consultationItems('bench', commitmentIds)) n++;
      if (round >= 0) read.push(performance.now() - started);
      returned = n;
      started = performance.now();
      await writeSummary({
        source,
        context,
        formats: ['csv', 'json', 'html'],
        audience: 'public',
        outDir: path.join(out, String(round)),
      });
      if (round >= 0) summary.push(performance.now() - started);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  const ratios = summary.map((ms, i) => ms / (read[i] ?? ms));
  const s = stats(summary);
  const ratio = stats(ratios);
  return {
    comments,
    votes,
    reactions,
    itemsInTable: items.length,
    itemsRead: returned,
    rounds,
    readMs: roundStats(stats(read), 0),
    summaryMs: roundStats(s, 0),
    ratio: roundStats(ratio, 2),
    itemsPerSecond: round(returned / (s.median / 1000), 0),
    targetMs: TARGET_MS,
    targetRatio: TARGET_RATIO,
    verdict: s.median <= TARGET_MS && ratio.median <= TARGET_RATIO ? 'met' : 'missed',
  };
}
