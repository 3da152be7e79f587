import { fromEnv } from '@aws-sdk/credential-provider-env';
import { exportKey } from '#shared/schemas/summary-job.ts';
import { requiredEnv } from '../commons/aws.ts';
import { type ExportStore, exportContentType } from './export-store.ts';
import { localExportStore } from './export-store-from-env.ts';
import { createS3DownloadSigner } from './s3-download-signer.ts';
/**
 * The staff function's view of the exports: download links only, signed without the S3 client (s3-download-signer.ts,
 * the same URL as the client's presigner) so that the staff bundle does not carry it; locally the disk store.
 */
export function exportLinksFromEnv(): ExportStore {
  const bucket = process.env.KONSULTO_EXPORTS_BUCKET;
  if (!bucket) return localExportStore();
  const sign = createS3DownloadSigner({ bucket, region: requiredEnv('AWS_REGION'), credentials: fromEnv() });
  return {
    put: () => Promise.reject(new Error('the staff function only signs export links')),
    downloadUrl: (jobId, fileName, { expiresInSeconds, now }) =>
      sign(exportKey(jobId, fileName), { fileName, expiresInSeconds, now, contentType: exportContentType(fileName) }),
  };
}
