import { createPublicReadHandler, type PublicReadDeps } from '#functions/consultations/public-read.ts';
import { commentActions } from '#functions/participation/comments.ts';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { reportActions } from '#functions/participation/reports.ts';
import { createDynamoCommentReader } from '#functions/repositories/comment-reader.ts';
import { createDynamoCommentRepository } from '#functions/repositories/comment-repository.ts';
import { createDynamoTallyReader } from '#functions/repositories/tally-reader.ts';
import { createStaffActions, type StaffWiring } from '#functions/staff/actions.ts';
import { createStaffHandler } from '#functions/staff/pipeline.ts';
import type { Catalog } from '#shared/catalog.ts';
import { NOW } from './catalog-fixture.ts';
import type { TestTable } from './local-table.ts';
import { TEST_SECRET, testPipeline } from './participation.ts';

/*
 * Handlers wired to a test table as the Lambda entry points wire them, at the fixture's clock (NOW): the same
 * factories, only the table, the catalog and the settings of the tests.
 */

/** The participation handler with the comment and report routes. */
export function commentHandler(table: TestTable, catalog: Catalog) {
  const comments = createDynamoCommentRepository(table.documents, table.tableName);
  return createParticipationHandler(testPipeline(NOW), {
    ...commentActions({ catalog, comments }),
    ...reportActions({ comments }),
  });
}

/** The staff handler with every staff route (files through `attachments` when a test gives them). */
export function staffHandler(
  table: TestTable,
  catalog: Catalog,
  extra: Partial<Pick<StaffWiring, 'attachments'>> = {},
) {
  return createStaffHandler(
    { clock: () => NOW, cookieSecret: async () => TEST_SECRET },
    createStaffActions({ catalog, client: table.documents, tableName: table.tableName, ...extra }),
  );
}

/** The public read handler on the table's tallies and comments (and whatever else `extra` adds). */
export function publicReadHandler(table: TestTable, catalog: Catalog, extra: Partial<PublicReadDeps> = {}) {
  return createPublicReadHandler({
    catalog,
    tallies: createDynamoTallyReader(table.documents, table.tableName),
    comments: createDynamoCommentReader(table.documents, table.tableName),
    clock: () => NOW,
    ...extra,
  });
}
