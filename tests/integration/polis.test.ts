import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoCommentRepository } from '#functions/repositories/comment-repository.ts';
import { createDynamoReactionImportRepository } from '#functions/repositories/reaction-import-repository.ts';
import { createDynamoSummarySource } from '#functions/repositories/summary-source.ts';
import { exportPolis } from '#functions/summary-job/polis-export.ts';
import { Catalog } from '#shared/catalog.ts';
import { parseCsvRecords } from '#shared/summary/csv.ts';
import { latestVotes, type PolisConversation, parsePolisOrigin } from '#shared/summary/polis.ts';
import type { Summary } from '#shared/summary/schema.ts';
import { summarise } from '#shared/summary/summarise.ts';
import { importPolis, type PolisImportResult, readPolisFolder } from '../../scripts/import-polis.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import {
  POLIS_DIR,
  participantMatrixTallies,
  polisCatalog,
  polisContext,
  tableSnapshot,
} from '../support/summary-fixtures.ts';

/*
 * Real data: the two Polis conversations of tests/fixtures/polis imported with the import command's function into
 * DynamoDB Local, summarised from the table, and exported back. bg2050-volunteers (14,341 vote rows) is imported whole.
 * vtaiwan.uberx (49,997 vote rows) takes about a minute on DynamoDB Local, so `npm test` imports every fifth
 * statement with all its votes (about 10,000); KONSULTO_POLIS_FULL=1 imports all of it (docs/summaries.md, figures).
 */

const catalog = new Catalog(polisCatalog);
const FULL = process.env.KONSULTO_POLIS_FULL === '1';

/** The statements kept, with their votes: Polis's numbers stay those of each statement. */
function sample(conversation: PolisConversation, keep: (commentId: number) => boolean): PolisConversation {
  return {
    ...conversation,
    comments: conversation.comments.filter((c) => keep(c.id)),
    votes: conversation.votes.filter((v) => keep(v.commentId)),
  };
}

describe.each([
  { folder: 'bg2050-volunteers', commitmentId: 'bg2050-volunteers', keep: () => true },
  { folder: 'vtaiwan.uberx', commitmentId: 'vtaiwan-uberx', keep: (id: number) => FULL || id % 5 === 0 },
])('the Polis conversation $folder', ({ folder, commitmentId, keep }) => {
  const target = { consultationId: 'polis-import', commitmentId };
  let table: TestTable;
  let conversation: PolisConversation;
  let imported: PolisImportResult;
  let summary: Summary;
  let importMs = 0;
  let statements = 0;
  let hidden = 0;
  const deps = () => ({
    catalog,
    comments: createDynamoCommentRepository(table.documents, table.tableName),
    reactions: createDynamoReactionImportRepository(table.documents, table.tableName),
  });

  afterAll(async () => {
    await table?.drop();
  });

  beforeAll(async () => {
    table = await createTestTable();
    conversation = sample(await readPolisFolder(path.join(POLIS_DIR, folder)), keep);
    statements = conversation.comments.length;
    hidden = conversation.comments.filter((c) => c.moderated === -1).length;
    const started = performance.now();
    imported = await importPolis(conversation, target, { ...deps(), concurrency: 8 });
    importMs = performance.now() - started;
    const source = createDynamoSummarySource(table.documents, table.tableName);
    summary = await summarise(polisContext([commitmentId]), source.consultationItems('polis-import', [commitmentId]));
  }, 240_000);

  it('imports every statement, hides the rejected ones and writes each voter’s latest vote once', () => {
    const latest = latestVotes(conversation.votes);
    console.info(
      `${folder}: ${conversation.votes.length} vote rows, ${latest.length} latest votes imported in ${Math.round(importMs)} ms`,
    );
    expect(imported.comments).toEqual({ created: statements, present: 0, skipped: 0, hidden });
    expect(imported.reactions).toEqual({ written: latest.length, unchanged: 0 });
    expect(summary.commentsByStatus).toEqual({ published: statements - hidden, pending: 0, hidden, deleted: 0 });
    expect(summary.totals.comments).toBe(statements);
    expect(summary.totals.reactions).toBe(latest.length);
    const people = new Set([...conversation.comments.map((c) => c.authorId), ...latest.map((v) => v.voterId)]);
    expect(summary.totals.participants).toBe(people.size);
  });

  it('counts for every comment the agree, disagree and pass of Polis’s participant-vote matrix', () => {
    const matrix = participantMatrixTallies(folder);
    const rows = summary.contributions.filter((r) => r.kind === 'comment');
    expect(rows).toHaveLength(statements);
    for (const row of rows) {
      const polisId = parsePolisOrigin(row.importedFrom)?.commentId as number;
      const expected = matrix.get(polisId) ?? { agree: 0, disagree: 0, pass: 0 };
      expect({ id: polisId, agree: row.agree, disagree: row.disagree, pass: row.pass }).toEqual({
        id: polisId,
        ...expected,
      });
    }
  });

  it('equals comments.csv wherever Polis’s files agree, and is below it where comments.csv counts votes the export lacks', () => {
    const matrix = participantMatrixTallies(folder);
    const byPolisId = new Map(summary.contributions.map((r) => [parsePolisOrigin(r.importedFrom)?.commentId, r]));
    let equal = 0;
    let consistent = 0;
    for (const comment of conversation.comments) {
      const row = byPolisId.get(comment.id);
      const polis = matrix.get(comment.id) ?? { agree: 0, disagree: 0, pass: 0 };
      if (comment.agrees === polis.agree && comment.disagrees === polis.disagree) {
        consistent++;
        if (row?.agree === comment.agrees && row?.disagree === comment.disagrees) equal++;
      } else {
        expect(row?.agree).toBeLessThanOrEqual(comment.agrees);
        expect(row?.disagree).toBeLessThanOrEqual(comment.disagrees);
      }
    }
    expect(equal).toBe(consistent);
  });

  it('changes nothing when the same conversation is imported again', async () => {
    const before = await tableSnapshot(table);
    const again = await importPolis(conversation, target, deps());
    expect(again.comments).toEqual({ created: 0, present: statements, skipped: 0, hidden });
    expect(again.reactions.written).toBe(0);
    expect(await tableSnapshot(table)).toEqual(before);
  }, 120_000);

  it('exports back to Polis’s format with the same latest votes, row by row', async () => {
    const exported = await exportPolis(createDynamoSummarySource(table.documents, table.tableName), target);
    const votes = parseCsvRecords(exported.votesCsv);
    const expected = latestVotes(conversation.votes);
    expect(votes).toHaveLength(expected.length);
    votes.forEach((row, i) => {
      const want = expected[i];
      expect([row['comment-id'], row['voter-id'], row.vote, row.timestamp]).toEqual([
        String(want?.commentId),
        String(want?.voterId),
        String(want?.vote),
        String(want?.timestamp),
      ]);
    });
    const original = parseCsvRecords(await readFile(path.join(POLIS_DIR, folder, 'comments.csv'), 'utf8')).filter((r) =>
      keep(Number(r['comment-id'])),
    );
    const comments = new Map(parseCsvRecords(exported.commentsCsv).map((r) => [r['comment-id'], r]));
    const matrix = participantMatrixTallies(folder);
    expect(comments.size).toBe(original.length);
    for (const polis of original) {
      const row = comments.get(polis['comment-id'] as string);
      const id = Number(polis['comment-id']);
      expect(row?.timestamp).toBe(polis.timestamp);
      expect(row?.['author-id']).toBe(polis['author-id']);
      expect(row?.moderated).toBe(polis.moderated === '-1' ? '-1' : '1');
      expect([Number(row?.agrees), Number(row?.disagrees)]).toEqual([
        matrix.get(id)?.agree ?? 0,
        matrix.get(id)?.disagree ?? 0,
      ]);
    }
  });
});
