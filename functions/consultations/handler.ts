import { createDocumentClient, requiredEnv } from '../commons/aws.ts';
import { catalog } from '../commons/catalog.ts';
import { createDynamoCommentReader } from '../repositories/comment-reader.ts';
import { createDynamoResponseReportReader } from '../repositories/response-report-reader.ts';
import { createDynamoTallyReader } from '../repositories/tally-reader.ts';
import { createPublicReadHandler } from './public-read.ts';

const client = createDocumentClient();
const tableName = requiredEnv('TABLE_NAME');

/** Lambda entry of the public-read function: production wiring only; the behaviour is in public-read.ts. */
export const handler = createPublicReadHandler({
  catalog,
  tallies: createDynamoTallyReader(client, tableName),
  comments: createDynamoCommentReader(client, tableName),
  clock: () => new Date(),
  responseReports: createDynamoResponseReportReader(client, tableName),
});
