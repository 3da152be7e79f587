import path from 'node:path';
import type { AttachmentStore } from '#shared/proposals.ts';
import { createDocumentClient, createS3Client, requiredEnv } from '../commons/aws.ts';
import { catalog } from '../commons/catalog.ts';
import { cookieSecret } from '../commons/secrets.ts';
import { pipelineDepsFromEnv } from '../participation/pipeline.ts';
import { createDynamoProposalReader } from '../repositories/proposal-reader.ts';
import { createDynamoProposalRepository } from '../repositories/proposal-repository.ts';
import { createDynamoRateLimiter } from '../repositories/rate-limiter.ts';
import { createDiskAttachmentStore } from '../storage/disk-attachment-store.ts';
import { createS3AttachmentStore } from '../storage/s3-attachment-store.ts';
import { createProposalsHandler } from './proposals.ts';

/** Lambda entry of the proposals function (NGO proposals, their files and receipts): wiring only. */
const client = createDocumentClient();
const tableName = requiredEnv('TABLE_NAME');
const pipeline = pipelineDepsFromEnv(cookieSecret, createDynamoRateLimiter(client, tableName));

/** The uploads bucket in AWS (KONSULTO_UPLOADS_BUCKET); locally a directory (KONSULTO_UPLOADS_DIR, .data/uploads). */
function attachmentStore(): AttachmentStore {
  const bucket = process.env.KONSULTO_UPLOADS_BUCKET;
  if (bucket) return createS3AttachmentStore(createS3Client(), bucket);
  if (process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined) throw new Error('KONSULTO_UPLOADS_BUCKET is not set');
  return createDiskAttachmentStore(
    process.env.KONSULTO_UPLOADS_DIR ?? path.resolve(import.meta.dirname, '../../.data/uploads'),
  );
}

export const handler = createProposalsHandler(pipeline, {
  catalog,
  proposals: createDynamoProposalRepository(client, tableName),
  reader: createDynamoProposalReader(client, tableName),
  attachments: attachmentStore(),
  receiptSecret: cookieSecret,
  uploadLimiter: pipeline.rateLimiter,
});
