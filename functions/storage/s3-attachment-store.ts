import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ConflictError } from '#shared/errors.ts';
import { type AttachmentStore, contentDisposition } from '#shared/proposals.ts';
import { MAX_ATTACHMENT_BYTES, PDF_CONTENT_TYPE } from '#shared/schemas/proposal.ts';

/** How many leading bytes are read to check the file type. */
const HEAD_BYTES = 1024;

/**
 * Attachments in the private uploads bucket. The browser uploads straight to S3 with a presigned POST whose policy
 * fixes the key (server-generated, under quarantine/), the size (1 byte to 10 MB) and the content type; the
 * function then reads the first bytes, and copies exactly the object it checked (by ETag) to attachments/, stored as
 * a PDF download. Quarantined objects expire through the bucket's lifecycle rule. Staff download a kept file through a
 * short-lived presigned GET that forces `Content-Disposition: attachment` and `Content-Type: application/pdf`.
 */
export function createS3AttachmentStore(client: S3Client, bucket: string): AttachmentStore {
  return {
    async uploadTarget(_attachmentId, key, expiresInSeconds) {
      const { url, fields } = await createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        Conditions: [
          ['content-length-range', 1, MAX_ATTACHMENT_BYTES],
          ['eq', '$Content-Type', PDF_CONTENT_TYPE],
        ],
        Fields: { 'Content-Type': PDF_CONTENT_TYPE },
        Expires: expiresInSeconds,
      });
      return { method: 'POST', url, fields };
    },

    async inspect(key) {
      try {
        const output = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${HEAD_BYTES - 1}` }),
        );
        const head = (await output.Body?.transformToByteArray()) ?? new Uint8Array();
        // `bytes 0-1023/123456`: the total size is after the slash.
        const total = /\/(\d+)$/.exec(output.ContentRange ?? '')?.[1];
        return {
          bytes: total === undefined ? (output.ContentLength ?? head.length) : Number(total),
          head,
          etag: output.ETag ?? '',
        };
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
        // A range of an empty object cannot be satisfied: the object exists and has no bytes.
        if (name === 'InvalidRange') return { bytes: 0, head: new Uint8Array(), etag: '' };
        throw error;
      }
    },

    async accept(from, to, { etag, fileName }) {
      try {
        await client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: to,
            CopySource: `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
            // Exactly the object that was checked: a re-upload to the same key in between is refused.
            CopySourceIfMatch: etag,
            MetadataDirective: 'REPLACE',
            ContentType: PDF_CONTENT_TYPE,
            ContentDisposition: contentDisposition(fileName),
          }),
        );
      } catch (error) {
        // Re-uploaded (PreconditionFailed) or gone (NoSuchKey, e.g. taken by a concurrent twin) since it was checked.
        const name = (error as Error).name;
        if (name === 'PreconditionFailed' || name === 'NoSuchKey')
          throw new ConflictError('the upload changed while checked');
        throw error;
      }
    },

    async downloadUrl(key, { fileName, expiresInSeconds, now }) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          // Whatever the object's metadata says: a download, never rendered in the browser.
          ResponseContentDisposition: contentDisposition(fileName),
          ResponseContentType: PDF_CONTENT_TYPE,
        }),
        { expiresIn: expiresInSeconds, signingDate: now },
      );
    },

    async discard(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
