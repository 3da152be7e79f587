import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { CatalogData } from '#shared/catalog.ts';
import { parseCsv } from '#shared/summary/csv.ts';
import type { SummaryContext } from '#shared/summary/input.ts';
import type { TestTable } from './local-table.ts';

export const POLIS_DIR = path.resolve(import.meta.dirname, '../fixtures/polis');

/** A published consultation holding one commitment per Polis conversation (the catalog must know the commitment). */
export const polisCatalog: CatalogData = {
  consultations: [
    {
      id: 'polis-import',
      title: { sq: 'Biseda Polis', en: 'Polis conversations' },
      summary: { sq: 'Importe' },
      opensAt: '2014-01-01T00:00:00Z',
      closesAt: '2030-01-01T00:00:00Z',
      status: 'published',
      moderationMode: 'post',
    },
  ],
  commitments: ['vtaiwan-uberx', 'bg2050-volunteers', 'polis-equivalence-a', 'polis-equivalence-b'].map((id, i) => ({
    id,
    consultationId: 'polis-import',
    order: i + 1,
    version: 1,
    title: { sq: id, en: id },
    summary: { sq: id },
    sectionIds: ['problem'],
  })),
};

export function polisContext(commitmentIds: readonly string[]): SummaryContext {
  return {
    consultation: { id: 'polis-import', title: { sq: 'Biseda Polis' } },
    commitments: polisCatalog.commitments
      .filter((c) => commitmentIds.includes(c.id))
      .map((c) => ({ id: c.id, order: c.order, title: c.title, sectionIds: c.sectionIds })),
    generatedAt: '2026-12-10T12:00:00.000Z',
  };
}

/**
 * Agree / disagree / pass per comment from participants-votes.csv: Polis's own matrix of each participant's latest
 * vote, a file the import does not read.
 */
export function participantMatrixTallies(
  folder: string,
): Map<number, { agree: number; disagree: number; pass: number }> {
  const [header, ...rows] = parseCsv(readFileSync(path.join(POLIS_DIR, folder, 'participants-votes.csv'), 'utf8'));
  if (!header) throw new Error('empty participants-votes.csv');
  const first = header.indexOf('n-disagree') + 1;
  const ids = header.slice(first).map(Number);
  const tallies = new Map(ids.map((id) => [id, { agree: 0, disagree: 0, pass: 0 }]));
  for (const row of rows) {
    ids.forEach((id, i) => {
      const cell = row[first + i];
      const t = tallies.get(id);
      if (!t || cell === undefined || cell === '') return;
      if (cell === '1') t.agree++;
      else if (cell === '-1') t.disagree++;
      else if (cell === '0') t.pass++;
    });
  }
  return tallies;
}

/** Every item of the table, sorted by key: to show that something changed nothing. */
export async function tableSnapshot(table: TestTable): Promise<string[]> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.documents.send(
      new ScanCommand({ TableName: table.tableName, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    for (const item of page.Items ?? []) {
      items.push(JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort();
}
