import path from 'node:path';
import type { AttachmentStore } from '#shared/proposals.ts';
import { createDiskAttachmentStore } from './disk-attachment-store.ts';

/** Outside AWS, attachments live in a directory (KONSULTO_UPLOADS_DIR, by default .data/uploads); Lambda refuses it. */
export function localAttachmentStore(): AttachmentStore {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined) throw new Error('KONSULTO_UPLOADS_BUCKET is not set');
  return createDiskAttachmentStore(
    process.env.KONSULTO_UPLOADS_DIR ?? path.resolve(import.meta.dirname, '../../.data/uploads'),
  );
}
