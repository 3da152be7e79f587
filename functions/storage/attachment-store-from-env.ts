import type { AttachmentStore } from '#shared/proposals.ts';
import { createS3Client } from '../commons/aws.ts';
import { localAttachmentStore } from './local-attachment-store.ts';
import { createS3AttachmentStore } from './s3-attachment-store.ts';

/**
 * The attachment store of a Lambda entry: the uploads bucket in AWS (KONSULTO_UPLOADS_BUCKET, required in Lambda);
 * locally a directory (KONSULTO_UPLOADS_DIR, by default .data/uploads).
 */
export function attachmentStoreFromEnv(): AttachmentStore {
  const bucket = process.env.KONSULTO_UPLOADS_BUCKET;
  if (bucket) return createS3AttachmentStore(createS3Client(), bucket);
  return localAttachmentStore();
}
