import { createDocumentClient, requiredEnv } from '../commons/aws.ts';
import { catalog } from '../commons/catalog.ts';
import { cookieSecret } from '../commons/secrets.ts';
import { pipelineDepsFromEnv } from '../participation/pipeline.ts';
import { createDynamoProposalReader } from '../repositories/proposal-reader.ts';
import { createDynamoProposalRepository } from '../repositories/proposal-repository.ts';
import { createDynamoRateLimiter } from '../repositories/rate-limiter.ts';
import { attachmentStoreFromEnv } from '../storage/attachment-store-from-env.ts';
import { createProposalsHandler } from './proposals.ts';

/** Lambda entry of the proposals function (NGO proposals, their files and receipts): wiring only. */
const client = createDocumentClient();
const tableName = requiredEnv('TABLE_NAME');
const pipeline = pipelineDepsFromEnv(cookieSecret, createDynamoRateLimiter(client, tableName));

export const handler = createProposalsHandler(pipeline, {
  catalog,
  proposals: createDynamoProposalRepository(client, tableName),
  reader: createDynamoProposalReader(client, tableName),
  attachments: attachmentStoreFromEnv(),
  receiptSecret: cookieSecret,
  uploadLimiter: pipeline.rateLimiter,
});
