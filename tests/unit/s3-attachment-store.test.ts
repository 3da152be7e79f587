import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createS3AttachmentStore } from '#functions/storage/s3-attachment-store.ts';
import { ConflictError } from '#shared/errors.ts';
import { pdfBytes } from '../support/proposals.ts';

const BUCKET = 'konsulto-uploads-test';
const client = new S3Client({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'session-example' },
});
const s3 = mockClient(client);
const store = createS3AttachmentStore(client, BUCKET);

afterEach(() => {
  s3.reset();
});

function awsError(name: string): Error {
  return Object.assign(new Error(name), { name, $metadata: {} });
}

describe('the S3 attachment store', () => {
  it('hands out a presigned POST for exactly the quarantine key, PDF only, 1 byte to 10 MB, for 15 minutes', async () => {
    const before = Date.now();
    const target = await store.uploadTarget('01JB0000000000000000000001', 'quarantine/01JB0000000000000000000001', 900);
    expect(target.method).toBe('POST');
    expect(target.url).toBe(`https://${BUCKET}.s3.eu-central-1.amazonaws.com/`);
    expect(target.fields).toMatchObject({
      key: 'quarantine/01JB0000000000000000000001',
      'Content-Type': 'application/pdf',
      bucket: BUCKET,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Security-Token': 'session-example',
    });
    expect(target.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    const policy = JSON.parse(Buffer.from(target.fields.Policy ?? '', 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 10 * 1024 * 1024],
        ['eq', '$Content-Type', 'application/pdf'],
        { bucket: BUCKET },
        { key: 'quarantine/01JB0000000000000000000001' },
      ]),
    );
    // Nothing lets the browser choose another key (no starts-with condition on it).
    expect(JSON.stringify(policy.conditions)).not.toContain('starts-with');
    const expires = Date.parse(policy.expiration) - before;
    expect(expires).toBeGreaterThan(899_000);
    expect(expires).toBeLessThanOrEqual(901_000);
    expect(s3.calls()).toHaveLength(0);
  });

  it('reads only the first kilobyte to check a file, and its total size from the range', async () => {
    const head = pdfBytes(1024);
    s3.on(GetObjectCommand).resolves({
      Body: { transformToByteArray: async () => new Uint8Array(head) } as never,
      ContentRange: 'bytes 0-1023/5242880',
      ContentLength: 1024,
      ETag: '"abc"',
    });
    const inspected = await store.inspect('quarantine/01JB0000000000000000000001');
    expect(inspected).toEqual({ bytes: 5_242_880, head: new Uint8Array(head), etag: '"abc"' });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: 'quarantine/01JB0000000000000000000001',
      Range: 'bytes=0-1023',
    });
  });

  it('reports a missing upload as absent and an empty one as zero bytes', async () => {
    s3.on(GetObjectCommand).rejectsOnce(awsError('NoSuchKey')).rejectsOnce(awsError('InvalidRange'));
    expect(await store.inspect('quarantine/01JB0000000000000000000001')).toBeUndefined();
    expect(await store.inspect('quarantine/01JB0000000000000000000001')).toMatchObject({ bytes: 0 });
    s3.on(GetObjectCommand).rejects(awsError('AccessDenied'));
    await expect(store.inspect('quarantine/01JB0000000000000000000001')).rejects.toThrow('AccessDenied');
  });

  it('copies exactly the checked object to attachments/ as a PDF download, then removes the quarantined one', async () => {
    s3.on(CopyObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});
    await store.accept('quarantine/01JB0000000000000000000001', 'attachments/01JB0000000000000000000001.pdf', {
      etag: '"abc"',
      fileName: 'Plani i veprimit.pdf',
    });
    await store.discard('quarantine/01JB0000000000000000000001');
    expect(s3.commandCalls(CopyObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: 'attachments/01JB0000000000000000000001.pdf',
      CopySource: `${BUCKET}/quarantine/01JB0000000000000000000001`,
      CopySourceIfMatch: '"abc"',
      MetadataDirective: 'REPLACE',
      ContentType: 'application/pdf',
      ContentDisposition: `attachment; filename="Plani i veprimit.pdf"; filename*=UTF-8''Plani%20i%20veprimit.pdf`,
    });
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: 'quarantine/01JB0000000000000000000001',
    });
  });

  it('refuses to copy an object that changed or vanished since it was checked', async () => {
    s3.on(CopyObjectCommand).rejectsOnce(awsError('PreconditionFailed')).rejectsOnce(awsError('NoSuchKey'));
    for (let i = 0; i < 2; i++) {
      await expect(
        store.accept('quarantine/01JB0000000000000000000001', 'attachments/01JB0000000000000000000001.pdf', {
          etag: '"abc"',
          fileName: 'a.pdf',
        }),
      ).rejects.toBeInstanceOf(ConflictError);
    }
  });

  it('signs a GET of the kept file for at most five minutes, forcing a PDF download, without calling S3', async () => {
    const now = new Date('2026-12-10T10:00:00Z');
    const url = new URL(
      await store.downloadUrl('attachments/01JB0000000000000000000001.pdf', {
        fileName: 'Analiza e plotë.pdf',
        expiresInSeconds: 300,
        now,
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(
      `https://${BUCKET}.s3.eu-central-1.amazonaws.com/attachments/01JB0000000000000000000001.pdf`,
    );
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Expires': '300',
      'X-Amz-Date': '20261210T100000Z',
      'X-Amz-Security-Token': 'session-example',
      'response-content-type': 'application/pdf',
      'response-content-disposition': `attachment; filename="Analiza e plote.pdf"; filename*=UTF-8''${encodeURIComponent('Analiza e plotë.pdf')}`,
    });
    expect(query['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(s3.calls()).toHaveLength(0);
  });
});
