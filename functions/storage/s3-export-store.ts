import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { contentDisposition } from '#shared/proposals.ts';
import { exportKey } from '#shared/schemas/summary-job.ts';
import { type ExportStore, exportContentType } from './export-store.ts';

/**
 * Exports in the private exports bucket. The job puts each whole file (a PUT is atomic: an object is there complete or
 * not at all); staff download through a presigned GET that forces `Content-Disposition: attachment` and the file's
 * type, valid for the few minutes asked. The bucket's lifecycle rule deletes exports after a few days.
 */
export function createS3ExportStore(client: S3Client, bucket: string): ExportStore {
  return {
    async put(jobId, fileName, content) {
      const body = Buffer.from(content, 'utf8');
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: exportKey(jobId, fileName),
          Body: body,
          ContentType: exportContentType(fileName),
          ContentDisposition: contentDisposition(fileName),
        }),
      );
      return body.length;
    },

    downloadUrl(jobId, fileName, { expiresInSeconds, now }) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: exportKey(jobId, fileName),
          ResponseContentDisposition: contentDisposition(fileName),
          ResponseContentType: exportContentType(fileName),
        }),
        { expiresIn: expiresInSeconds, signingDate: now },
      );
    },
  };
}
