import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, type RouteFunction } from '#functions/routes.ts';
import { synthesize } from './synth.ts';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON.
type Json = Record<string, any>;

/** The console's summary jobs in AWS: the exports bucket, the job function, its failure queue and the grants. */
let synth: ReturnType<typeof synthesize>;
let stateful: Template;
let stateless: Template;
let resources: Json;

const BUCKET_NAME = {
  'Fn::Join': ['', ['konsulto-dev-exports-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]],
};
const EXPORTS_ARN = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':s3:::konsulto-dev-exports-',
      { Ref: 'AWS::AccountId' },
      '-',
      { Ref: 'AWS::Region' },
      '/exports/*',
    ],
  ],
};

beforeAll(() => {
  synth = synthesize();
  stateful = Template.fromStack(synth.stateful);
  stateless = Template.fromStack(synth.stateless);
  resources = stateless.toJSON().Resources;
}, 60_000);

const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  synth.stateless.getLogicalId(construct.node.defaultChild as never);

function inlineStatements(role: { node: { defaultChild?: unknown } }): Json[] {
  const policies: Json[] = resources[idOf(role)].Properties.Policies;
  expect(policies).toHaveLength(1);
  return policies[0]?.PolicyDocument.Statement;
}

describe('the exports bucket (stateful stack)', () => {
  let bucket: Json;
  let bucketId: string;
  beforeAll(() => {
    const found = Object.entries(stateful.findResources('AWS::S3::Bucket')).filter(([id]) =>
      id.startsWith('ExportsBucket'),
    );
    expect(found).toHaveLength(1);
    [bucketId, bucket] = found[0] as [string, Json];
  });

  it('is private, encrypted, bucket-owner only and retained, under its derived name', () => {
    expect(bucket.Properties.BucketName).toEqual(BUCKET_NAME);
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.Properties.CorsConfiguration).toBeUndefined();
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('expires exports after 3 days (with their job items) and aborts unfinished uploads after a day', () => {
    expect(bucket.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'expire-exports',
          Prefix: 'exports/',
          ExpirationInDays: 3,
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          Status: 'Enabled',
        },
      ],
    });
  });

  it('refuses requests without TLS, and below TLS 1.2', () => {
    const policy = Object.values(stateful.findResources('AWS::S3::BucketPolicy')).find(
      (p) => (p as Json).Properties.Bucket.Ref === bucketId,
    ) as Json;
    const statements: Json[] = policy.Properties.PolicyDocument.Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]),
    );
  });
});

describe('the summary job function', () => {
  it('runs on nodejs24.x, arm64, a full vCPU for up to 15 minutes, knowing only its table and bucket', () => {
    const props: Json = resources[idOf(synth.stateless.summaryJob.function)].Properties;
    expect(props).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 1769,
      Timeout: 900,
    });
    expect(Object.keys(props.Environment.Variables).sort()).toEqual([
      'KONSULTO_EXPORTS_BUCKET',
      'NODE_OPTIONS',
      'TABLE_NAME',
    ]);
    expect(props.Environment.Variables.KONSULTO_EXPORTS_BUCKET).toEqual(BUCKET_NAME);
  });

  it('is invoked without retry, events older than an hour dropped, failures sent to the encrypted queue', () => {
    const queueId = idOf(synth.stateless.summaryJobFailures);
    stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: idOf(synth.stateless.summaryJob.function) },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    stateless.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    expect(resources[queueId].Properties).toMatchObject({
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
    });
    expect(resources[queueId].Properties.KmsMasterKeyId).toBeUndefined();
    stateless.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('reads the table, updates only job items, writes only exports/, and sends only to its failure queue', () => {
    const statements = inlineStatements(synth.stateless.summaryJob.role);
    const logGroupId = idOf(synth.stateless.summaryJob.logGroup);
    expect(JSON.parse(JSON.stringify(statements))).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      },
      {
        Sid: 'Table',
        Effect: 'Allow',
        Action: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Scan'],
        Resource: expect.anything(),
      },
      {
        Sid: 'OwnJobItems',
        Effect: 'Allow',
        Action: 'dynamodb:UpdateItem',
        Resource: expect.anything(),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUMMARY_JOB#*'] } },
      },
      { Sid: 'ExportsWrite', Effect: 'Allow', Action: 's3:PutObject', Resource: EXPORTS_ARN },
    ]);
    expect(statements[1]?.Resource).toEqual(statements[2]?.Resource);
    expect(JSON.stringify(statements[1]?.Resource)).toMatch(/Fn::GetStackOutput/);
    // The on-failure destination's grant, on the queue alone.
    const attached = Object.values(stateless.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify((p as Json).Properties.Roles).includes(idOf(synth.stateless.summaryJob.role)),
    ) as Json[];
    expect(attached).toHaveLength(1);
    const sends: Json[] = attached[0]?.Properties.PolicyDocument.Statement;
    expect(sends.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [idOf(synth.stateless.summaryJobFailures), 'Arn'] }]);
    expect([sends[0]?.Action].flat().every((a: string) => a.startsWith('sqs:'))).toBe(true);
  });
});

describe('the staff function and the summary job', () => {
  it('may invoke exactly the job function and read exports/ to sign links, and knows both names', () => {
    const statements = inlineStatements(synth.stateless.functions.staff.role);
    expect(statements.filter((s) => s.Sid === 'ExportsDownload' || s.Sid === 'InvokeSummaryJob')).toEqual([
      { Sid: 'ExportsDownload', Effect: 'Allow', Action: 's3:GetObject', Resource: EXPORTS_ARN },
      {
        Sid: 'InvokeSummaryJob',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: { 'Fn::GetAtt': [idOf(synth.stateless.summaryJob.function), 'Arn'] },
      },
    ]);
    const variables = resources[idOf(synth.stateless.functions.staff.function)].Properties.Environment.Variables;
    expect(variables.KONSULTO_SUMMARY_JOB_FUNCTION).toEqual({ Ref: idOf(synth.stateless.summaryJob.function) });
    expect(variables.KONSULTO_EXPORTS_BUCKET).toEqual(BUCKET_NAME);
  });

  it('is the only function that touches exports or invokes Lambda', () => {
    for (const name of Object.keys(FUNCTION_ENTRIES) as RouteFunction[]) {
      if (name === 'staff') continue;
      const text = JSON.stringify(inlineStatements(synth.stateless.functions[name].role));
      expect(text, name).not.toContain('exports');
      expect(text, name).not.toContain('lambda:');
    }
  });

  it('leaves the job out of the HTTP API: no route reaches it', () => {
    const jobArn = JSON.stringify({ 'Fn::GetAtt': [idOf(synth.stateless.summaryJob.function), 'Arn'] });
    const permissions = Object.values(stateless.findResources('AWS::Lambda::Permission')) as Json[];
    expect(permissions.filter((p) => JSON.stringify(p.Properties.FunctionName) === jobArn)).toEqual([]);
  });
});
