import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#functions/openapi.ts';
import { createS3ExportStore } from '#functions/storage/s3-export-store.ts';
import { createLambdaJobLauncher } from '#functions/summary-job/launcher.ts';
import { summarySchema } from '#shared/summary/schema.ts';
import { summarise } from '#shared/summary/summarise.ts';
import { handContext, handItems } from '../support/summary-items.ts';

const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'session-example' };
const JOB = '01KJOB00000000000000000001';

const lambda = mockClient(LambdaClient);
const s3Client = new S3Client({ region: 'eu-central-1', credentials });
const s3 = mockClient(s3Client);

afterEach(() => {
  lambda.reset();
  s3.reset();
});

describe('the Lambda job launcher', () => {
  it('invokes the job function asynchronously (Event) with the job id only', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await createLambdaJobLauncher(new LambdaClient({ region: 'eu-central-1', credentials }), 'konsulto-dev-job')(JOB);
    const calls = lambda.commandCalls(InvokeCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.FunctionName).toBe('konsulto-dev-job');
    expect(input?.InvocationType).toBe('Event');
    expect(JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array))).toEqual({ jobId: JOB });
  });

  it('fails when Lambda does not accept the event', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 });
    await expect(
      createLambdaJobLauncher(new LambdaClient({ region: 'eu-central-1', credentials }), 'fn')(JOB),
    ).rejects.toThrow('the job function answered 200');
  });
});

describe('the S3 export store', () => {
  const store = createS3ExportStore(s3Client, 'konsulto-exports-test');

  it('puts a whole file under exports/<job>/ with its type, as an attachment', async () => {
    s3.on(PutObjectCommand).resolves({});
    expect(await store.put(JOB, 'contributions.csv', '\uFEFFkind,id\r\n')).toBe(12);
    const input = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Bucket: 'konsulto-exports-test',
      Key: `exports/${JOB}/contributions.csv`,
      ContentType: 'text/csv; charset=utf-8',
    });
    expect(input?.ContentDisposition).toMatch(/^attachment; filename="contributions.csv"/);
  });

  it('presigns a GET of the file for 10 minutes that forces a download', async () => {
    const url = new URL(
      await store.downloadUrl(JOB, 'report-sq.html', { expiresInSeconds: 600, now: new Date('2026-12-02T10:00:00Z') }),
    );
    expect(url.host).toBe('konsulto-exports-test.s3.eu-central-1.amazonaws.com');
    expect(url.pathname).toBe(`/exports/${JOB}/report-sq.html`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261202T100000Z');
    expect(url.searchParams.get('response-content-disposition')).toMatch(/^attachment; filename="report-sq.html"/);
    expect(url.searchParams.get('response-content-type')).toBe('text/html; charset=utf-8');
  });
});

describe('the summary JSON schema in the OpenAPI document', () => {
  const document = buildOpenApiDocument();

  it('is the Summary component, with the required top-level fields of summary.json', async () => {
    const schema = document.components.schemas.Summary as {
      type: string;
      required: string[];
      additionalProperties: boolean;
    };
    const summary = summarySchema.parse(await summarise(handContext, handItems));
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect([...schema.required].sort()).toEqual(Object.keys(summary).sort());
  });
});
