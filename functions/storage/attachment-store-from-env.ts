import path from 'node:path';
import type { AttachmentStore } from '#shared/proposals.ts';
import { createS3Client } from '../commons/aws.ts';
import { createDiskAttachmentStore } from './disk-attachment-store.ts';
import { createS3AttachmentStore } from './s3-attachment-store.ts';

/**
 * The attachment store of a Lambda entry: the uploads bucket in AWS (KONSULTO_UPLOADS_BUCKET, required in Lambda);
 * locally a directory (KONSULTO_UPLOADS_DIR, by default .data/uploads).
 */
export function attachmentStoreFromEnv(): AttachmentStore {
  const bucket = process.env.KONSULTO_UPLOADS_BUCKET;
  if (bucket) return createS3AttachmentStore(createS3Client(), bucket);
  if (process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined) throw new Error('KONSULTO_UPLOADS_BUCKET is not set');
  return createDiskAttachmentStore(
    process.env.KONSULTO_UPLOADS_DIR ?? path.resolve(import.meta.dirname, '../../.data/uploads'),
  );
}
