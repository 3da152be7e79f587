import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoReactionImportRepository } from '#functions/repositories/reaction-import-repository.ts';
import { createDynamoReactionRepository } from '#functions/repositories/reaction-repository.ts';
import { newCommentItem } from '#shared/comments.ts';
import { agreedSortKey, keys } from '#shared/keys.ts';
import type { Reaction } from '#shared/reactions.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';

/*
 * The import's batched reaction write does what the API's reaction repository does, reaction by reaction: the same
 * reaction items, the same comment counters and "most agreed" keys; a second run writes nothing.
 */

let table: TestTable;
const A = '01KAAAAAAAAAAAAAAAAAAAAAAA';
const B = '01KBBBBBBBBBBBBBBBBBBBBBBB';
const HIDDEN = '01KCCCCCCCCCCCCCCCCCCCCCCC';

const comment = (id: string, commitmentId: string) =>
  newCommentItem({
    id,
    consultationId: 'polis-import',
    commitmentId,
    sectionId: 'problem',
    body: 'Një deklaratë.',
    participantId: 'author',
    createdAt: '2026-12-01T10:00:00.000Z',
    status: 'published',
  });

/** 120 participants; a third change their mind once. */
const REACTIONS: Reaction[] = ['agree', 'disagree', 'pass'];
const first = Array.from({ length: 120 }, (_, i) => ({
  participantId: `polis-test-${i}`,
  reaction: REACTIONS[(i * 7) % 3] as Reaction,
  at: new Date(Date.UTC(2026, 11, 2, 0, 0, i)).toISOString(),
}));
const second = first
  .filter((_, i) => i % 3 === 0)
  .map((r, i) => ({
    ...r,
    reaction: REACTIONS[(REACTIONS.indexOf(r.reaction) + 1) % 3] as Reaction,
    at: new Date(Date.UTC(2026, 11, 3, 0, 0, i)).toISOString(),
  }));

async function reactionItems(commentId: string) {
  const { Items = [] } = await table.documents.send(
    new ScanCommand({
      TableName: table.tableName,
      FilterExpression: '#type = :reaction AND commentId = :id',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':reaction': 'REACTION', ':id': commentId },
    }),
  );
  return Items.map(({ pk, sk, commentId: _id, commitmentId: _c, ...rest }) => ({
    pk,
    sk: String(sk).slice(0, 'REACTION#'.length),
    ...rest,
  })).sort((x, y) => String(x.pk).localeCompare(String(y.pk)));
}

const read = async (id: string) =>
  (
    await table.documents.send(
      new GetCommand({ TableName: table.tableName, Key: keys.comment(id), ConsistentRead: true }),
    )
  ).Item;

beforeAll(async () => {
  table = await createTestTable();
  for (const item of [
    comment(A, 'polis-equivalence-a'),
    comment(B, 'polis-equivalence-b'),
    { ...comment(HIDDEN, 'polis-equivalence-b'), status: 'hidden' },
  ]) {
    await table.documents.send(new PutCommand({ TableName: table.tableName, Item: item }));
  }
});
afterAll(async () => {
  await table?.drop();
});

describe('the batched reaction write of imports', () => {
  it('leaves the same items and counters as the API’s reactions one by one', async () => {
    const api = createDynamoReactionRepository(table.documents, table.tableName);
    for (const r of [...first, ...second]) await api.react(r.participantId, A, r.reaction, new Date(r.at), () => {});
    const bulk = createDynamoReactionImportRepository(table.documents, table.tableName);
    expect(await bulk.setReactions('polis-equivalence-b', [{ commentId: B, reactions: first }])).toEqual({
      written: 120,
      unchanged: 0,
    });
    expect(await bulk.setReactions('polis-equivalence-b', [{ commentId: B, reactions: second }])).toEqual({
      written: 40,
      unchanged: 0,
    });

    expect(await reactionItems(B)).toEqual(await reactionItems(A));
    const [a, b] = [await read(A), await read(B)];
    expect([b?.agree, b?.disagree, b?.pass]).toEqual([a?.agree, a?.disagree, a?.pass]);
    expect((b?.agree ?? 0) + (b?.disagree ?? 0) + (b?.pass ?? 0)).toBe(120);
    expect(b?.gsi3sk).toBe(agreedSortKey(Number(b?.agree), B));
    expect(b?.gsi4sk).toBe(agreedSortKey(Number(b?.agree), B));
    expect(a?.gsi3sk).toBe(agreedSortKey(Number(a?.agree), A));
  }, 90_000);

  it('writes nothing the second time', async () => {
    const bulk = createDynamoReactionImportRepository(table.documents, table.tableName);
    const before = await read(B);
    const latest = first.map((r) => second.find((s) => s.participantId === r.participantId) ?? r);
    expect(await bulk.setReactions('polis-equivalence-b', [{ commentId: B, reactions: latest }])).toEqual({
      written: 0,
      unchanged: 120,
    });
    expect(await read(B)).toEqual(before);
  });

  it('counts reactions on a hidden statement without listing it', async () => {
    const bulk = createDynamoReactionImportRepository(table.documents, table.tableName);
    await bulk.setReactions('polis-equivalence-b', [{ commentId: HIDDEN, reactions: first.slice(0, 10) }]);
    const hidden = await read(HIDDEN);
    expect((hidden?.agree ?? 0) + (hidden?.disagree ?? 0) + (hidden?.pass ?? 0)).toBe(10);
    expect(hidden?.status).toBe('hidden');
  });

  it('refuses a comment of another commitment', async () => {
    const bulk = createDynamoReactionImportRepository(table.documents, table.tableName);
    await expect(
      bulk.setReactions('polis-equivalence-a', [{ commentId: B, reactions: first.slice(0, 1) }]),
    ).rejects.toThrow();
  });
});
