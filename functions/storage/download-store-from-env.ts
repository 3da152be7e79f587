import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { AttachmentStore } from '#shared/proposals.ts';
import { requiredEnv } from '../commons/aws.ts';
import { localAttachmentStore } from './local-attachment-store.ts';
import { createS3DownloadSigner } from './s3-download-signer.ts';

const downloadsOnly = () => Promise.reject(new Error('the staff function only signs downloads'));

/**
 * The staff function's attachment store: it only hands out download links. In AWS they are presigned GETs of the
 * uploads bucket signed without the S3 client (s3-download-signer.ts), with the role's credentials from the
 * environment and the function's region; locally the disk store, as for the proposals function.
 */
export function downloadStoreFromEnv(): AttachmentStore {
  const bucket = process.env.KONSULTO_UPLOADS_BUCKET;
  if (!bucket) return localAttachmentStore();
  const sign = createS3DownloadSigner({ bucket, region: requiredEnv('AWS_REGION'), credentials: fromEnv() });
  return {
    uploadTarget: downloadsOnly,
    inspect: downloadsOnly,
    accept: downloadsOnly,
    discard: downloadsOnly,
    downloadUrl: sign,
  };
}
