import type { ContentForSummary } from '#shared/summary/context.ts';
import { createDocumentClient, requiredEnv } from '../commons/aws.ts';
import summaryContent from '../generated/summary-content.json' with { type: 'json' };
import { createDynamoSummaryJobRepository } from '../repositories/summary-job-repository.ts';
import { createDynamoSummarySource } from '../repositories/summary-source.ts';
import { exportStoreFromEnv } from '../storage/export-store-from-env.ts';
import { createSummaryJobHandler } from './job.ts';

const client = createDocumentClient();
const tableName = requiredEnv('TABLE_NAME');

/** Lambda entry of the summary job (invoked asynchronously by the staff function; locally a background task). */
export const handler = createSummaryJobHandler({
  jobs: createDynamoSummaryJobRepository(client, tableName),
  source: createDynamoSummarySource(client, tableName),
  content: summaryContent as ContentForSummary,
  exports: exportStoreFromEnv(),
  clock: () => new Date(),
});
