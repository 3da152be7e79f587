import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadStoreFromEnv } from '#functions/storage/download-store-from-env.ts';
import { exportLinksFromEnv } from '#functions/storage/export-links-from-env.ts';
import { createS3DownloadSigner } from '#functions/storage/s3-download-signer.ts';
import { createS3ExportStore } from '#functions/storage/s3-export-store.ts';
import { contentDisposition } from '#shared/proposals.ts';

const BUCKET = 'konsulto-uploads-test';
const KEY = 'attachments/01JB0000000000000000000001.pdf';
const NOW = new Date('2026-12-10T12:34:56Z');

/** The URL the S3 client's presigner makes (s3-attachment-store.ts), for the same inputs. */
async function sdkUrl(
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  fileName: string,
) {
  const client = new S3Client({ region: 'eu-central-1', credentials });
  const command = new GetObjectCommand({
    Bucket: BUCKET,
    Key: KEY,
    ResponseContentDisposition: contentDisposition(fileName),
    ResponseContentType: 'application/pdf',
  });
  return getSignedUrl(client, command, { expiresIn: 300, signingDate: NOW });
}

describe('the S3 download signer of the staff function', () => {
  const cases = [
    { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'session/with+odd=chars' },
    { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'other-secret' },
  ];
  const fileNames = ['Propozimi.pdf', 'Propozim për KVSP (përfundimtar) & "shënime"*!.pdf', "d'Arta 100%;.pdf"];

  for (const credentials of cases) {
    for (const fileName of fileNames) {
      it(`makes exactly the SDK's presigned GET (${credentials.sessionToken ? 'with' : 'without'} session token, ${fileName})`, async () => {
        const sign = createS3DownloadSigner({
          bucket: BUCKET,
          region: 'eu-central-1',
          credentials: async () => credentials,
        });
        const url = await sign(KEY, { fileName, expiresInSeconds: 300, now: NOW });
        expect(url).toBe(await sdkUrl(credentials, fileName));
        expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');
      });
    }
  }

  it('signs with the credentials it is given: another secret, another signature', async () => {
    const sign = (secretAccessKey: string) =>
      createS3DownloadSigner({
        bucket: BUCKET,
        region: 'eu-central-1',
        credentials: async () => ({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey }),
      })(KEY, { fileName: 'a.pdf', expiresInSeconds: 300, now: NOW });
    const [a, b] = [await sign('one'), await sign('two')];
    expect(new URL(a).searchParams.get('X-Amz-Signature')).not.toBe(new URL(b).searchParams.get('X-Amz-Signature'));
  });
});

describe("the staff function's attachment store in AWS", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('signs download links with the role credentials of the environment and refuses everything else', async () => {
    const credentials = { accessKeyId: 'ASIAROLE', secretAccessKey: 'role-secret', sessionToken: 'role-session' };
    vi.stubEnv('KONSULTO_UPLOADS_BUCKET', BUCKET);
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', credentials.sessionToken);
    const store = downloadStoreFromEnv();
    const url = await store.downloadUrl(KEY, { fileName: 'Propozimi.pdf', expiresInSeconds: 300, now: NOW });
    expect(url).toBe(await sdkUrl(credentials, 'Propozimi.pdf'));
    await expect(store.inspect(KEY)).rejects.toThrow('only signs downloads');
    await expect(store.discard(KEY)).rejects.toThrow('only signs downloads');
  });
});

describe("the staff function's export links in AWS", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('signs exactly the link the exports store of the job signs with the S3 client, and stores nothing', async () => {
    const credentials = { accessKeyId: 'ASIAROLE', secretAccessKey: 'role-secret', sessionToken: 'role-session' };
    const bucket = 'konsulto-exports-test';
    const jobId = '01JB0000000000000000000002';
    vi.stubEnv('KONSULTO_EXPORTS_BUCKET', bucket);
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', credentials.sessionToken);
    const client = new S3Client({ region: 'eu-central-1', credentials });
    const withClient = createS3ExportStore(client, bucket);
    const links = exportLinksFromEnv();
    for (const fileName of ['contributions.csv', 'report-sq.html', 'summary.json']) {
      const options = { expiresInSeconds: 600, now: NOW };
      const url = await links.downloadUrl(jobId, fileName, options);
      expect(url).toBe(await withClient.downloadUrl(jobId, fileName, options));
      expect(new URL(url).pathname).toBe(`/exports/${jobId}/${fileName}`);
    }
    expect(
      new URL(
        await links.downloadUrl(jobId, 'contributions.csv', { expiresInSeconds: 600, now: NOW }),
      ).searchParams.get('response-content-type'),
    ).toBe('text/csv; charset=utf-8');
    await expect(links.put(jobId, 'contributions.csv', 'x')).rejects.toThrow('only signs export links');
  });
});
