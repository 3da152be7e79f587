import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { type CfnFunction, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, ROUTES, type RouteFunction } from '#functions/routes.ts';
import { KonsultoHttpApi } from '#infra/constructs/http-api.ts';
import { synthesize } from './synth.ts';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON.
type Json = Record<string, any>;

/** The uploads bucket of NGO proposals (stateful stack) and the proposals function's access to it. */
let synth: ReturnType<typeof synthesize>;
let stateful: Template;
let stateless: Template;
let bucket: Json;
let bucketId: string;

/** `konsulto-dev-uploads-<account>-<region>`, as both stacks render it. */
const BUCKET_NAME = {
  'Fn::Join': ['', ['konsulto-dev-uploads-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]],
};
const objectArn = (suffix: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':s3:::konsulto-dev-uploads-',
      { Ref: 'AWS::AccountId' },
      '-',
      { Ref: 'AWS::Region' },
      `/${suffix}`,
    ],
  ],
});

beforeAll(() => {
  synth = synthesize();
  stateful = Template.fromStack(synth.stateful);
  stateless = Template.fromStack(synth.stateless);
  // The uploads bucket; the exports bucket of the summary jobs is checked in summary-job.test.ts.
  const buckets = Object.entries(stateful.findResources('AWS::S3::Bucket')).filter(([id]) =>
    id.startsWith('UploadsBucket'),
  );
  expect(buckets).toHaveLength(1);
  [bucketId, bucket] = buckets[0] as [string, Json];
}, 60_000);

function statementsOf(name: RouteFunction): Json[] {
  const roleId = synth.stateless.getLogicalId(synth.stateless.functions[name].role.node.defaultChild as CfnRole);
  return stateless.toJSON().Resources[roleId].Properties.Policies[0].PolicyDocument.Statement;
}

const asList = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

describe('the uploads bucket', () => {
  it('is private: every public access blocked, bucket-owner objects, retained with the stateful stack', () => {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
    expect(bucket.Properties.BucketName).toEqual(BUCKET_NAME);
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
  });

  it('is encrypted with S3-managed keys and refuses plain HTTP and TLS below 1.2', () => {
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      }),
    });
    // The bucket policy grants nobody anything: it only denies.
    const [policy] = Object.values(stateful.findResources('AWS::S3::BucketPolicy')) as Json[];
    for (const statement of policy?.Properties.PolicyDocument.Statement ?? []) expect(statement.Effect).toBe('Deny');
  });

  it('expires quarantined uploads after one day, and only those', () => {
    expect(bucket.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'expire-quarantine',
          Prefix: 'quarantine/',
          Status: 'Enabled',
          ExpirationInDays: 1,
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        },
      ],
    });
  });

  it('lets browsers POST uploads cross-origin and nothing else', () => {
    expect(bucket.Properties.CorsConfiguration).toEqual({
      CorsRules: [{ AllowedMethods: ['POST'], AllowedOrigins: ['*'], MaxAge: 3600 }],
    });
  });
});

describe('the proposals function and the bucket', () => {
  it('may write only under quarantine/ and attachments/, read and delete only under quarantine/', () => {
    const s3 = statementsOf('proposals').filter((s) => asList(s.Action).some((a: string) => a.startsWith('s3:')));
    expect(s3).toEqual([
      {
        Sid: 'UploadsQuarantine',
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: objectArn('quarantine/*'),
      },
      { Sid: 'UploadsAccepted', Effect: 'Allow', Action: 's3:PutObject', Resource: objectArn('attachments/*') },
    ]);
    expect(statementsOf('proposals').map((s) => s.Sid)).toEqual([
      'WriteOwnLogs',
      'Table',
      'TableIndexes',
      'CookieSecret',
      'OriginSecret',
      'UploadsQuarantine',
      'UploadsAccepted',
    ]);
  });

  it('is, with the staff function (GetObject on attachments/ only, for download links), the only S3 user', () => {
    for (const name of Object.keys(FUNCTION_ENTRIES) as RouteFunction[]) {
      if (name === 'proposals' || name === 'staff') continue;
      const actions = statementsOf(name).flatMap((s) => asList(s.Action));
      expect(
        actions.filter((a) => a.startsWith('s3:')),
        name,
      ).toEqual([]);
    }
  });

  it('gets the bucket name by environment, the very name of the stateful bucket', () => {
    const fn = synth.stateless.functions.proposals.function;
    const props: Json =
      stateless.toJSON().Resources[synth.stateless.getLogicalId(fn.node.defaultChild as CfnFunction)].Properties;
    expect(props.Environment.Variables.KONSULTO_UPLOADS_BUCKET).toEqual(BUCKET_NAME);
    expect(props.Timeout).toBe(20);
  });
});

describe('the staff function and the bucket', () => {
  it('may only read checked files (GetObject on attachments/*), to sign short-lived download links', () => {
    const s3 = statementsOf('staff').filter(
      (s) => asList(s.Action).some((a: string) => a.startsWith('s3:')) && s.Sid.startsWith('Uploads'),
    );
    expect(s3).toEqual([
      { Sid: 'UploadsDownload', Effect: 'Allow', Action: 's3:GetObject', Resource: objectArn('attachments/*') },
    ]);
  });

  it('gets the bucket name by environment', () => {
    const fn = synth.stateless.functions.staff.function;
    const props: Json =
      stateless.toJSON().Resources[synth.stateless.getLogicalId(fn.node.defaultChild as CfnFunction)].Properties;
    expect(props.Environment.Variables.KONSULTO_UPLOADS_BUCKET).toEqual(BUCKET_NAME);
  });
});

describe('the local-only routes (upload and download)', () => {
  const localOnly = ROUTES.filter((r) => r.localOnly);

  it('are the local stand-ins for the S3 upload and the presigned download, and are absent from the HTTP API', () => {
    expect(localOnly.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /api/proposals/attachments/{attachmentId}',
      'GET /api/local/attachments/{attachmentId}',
      'GET /api/local/exports/{jobId}/{fileName}',
    ]);
    const deployed = Object.values(stateless.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as Json).Properties.RouteKey,
    );
    for (const route of localOnly) expect(deployed).not.toContain(`${route.method} ${route.path}`);
    for (const key of [
      'POST /api/proposals',
      'GET /api/proposals/receipt/{token}',
      'POST /api/proposals/attachments',
      'GET /api/consultations/{consultationId}/proposals',
      'GET /api/admin/proposals/{proposalId}/attachments/{attachmentId}',
    ]) {
      expect(deployed).toContain(key);
    }
  });

  it('is skipped by the HTTP API construct, whatever function it belongs to', () => {
    const stack = new Stack(new App(), 'Probe');
    const fn = new LambdaFunction(stack, 'Fn', {
      code: Code.fromInline('export const handler = () => {}'),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
    });
    const functions = Object.fromEntries(Object.keys(FUNCTION_ENTRIES).map((name) => [name, fn])) as Record<
      RouteFunction,
      typeof fn
    >;
    const api = new KonsultoHttpApi(stack, 'Api', {
      routes: [
        { method: 'GET', path: '/api/health', function: 'health' },
        { method: 'PUT', path: '/api/local/thing', function: 'health', localOnly: true },
      ],
      functions,
      throttle: { rateLimit: 1, burstLimit: 1 },
      logRetention: RetentionDays.ONE_DAY,
      logRemovalPolicy: RemovalPolicy.DESTROY,
    });
    expect(api.routes).toHaveLength(1);
    Template.fromStack(stack).resourcePropertiesCountIs(
      'AWS::ApiGatewayV2::Route',
      { RouteKey: 'PUT /api/local/thing' },
      0,
    );
  });
});
