import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { type CfnFunction, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_SECRET_HEADER } from '#functions/commons/origin-secret.ts';
import { FUNCTION_ENTRIES, ROUTES, type RouteFunction } from '#functions/routes.ts';
import { API_FUNCTION_BUNDLING } from '#infra/constructs/api-function.ts';
import { ACCESS_LOG_FORMAT, KonsultoHttpApi } from '#infra/constructs/http-api.ts';
import { INDEX_REWRITE } from '#infra/constructs/site-distribution.ts';
import { FUNCTION_SETTINGS } from '#infra/stacks/stateless-stack.ts';
import { cdkTableDefinition } from '#infra/table-definition.ts';
import { keyAttributeNames, TABLE } from '#shared/table.ts';
import { createTableInput } from '../../local/table.ts';
import { BUNDLE_OPTIONS, ESM_REQUIRE_BANNER } from '../../scripts/bundle-settings.ts';
import { synthesize } from './synth.ts';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON.
type Json = Record<string, any>;

const READ_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:Scan',
];
/** AWS-managed CloudFront policy ids (the same in every account). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let synth: ReturnType<typeof synthesize>;
let stateful: Template;
let stateless: Template;
let statelessJson: Json;
let synthSeconds = 0;

beforeAll(() => {
  const started = performance.now();
  // Real esbuild bundles, so the deployed artifacts are checked too.
  synth = synthesize({ bundle: true });
  synthSeconds = (performance.now() - started) / 1000;
  stateful = Template.fromStack(synth.stateful);
  stateless = Template.fromStack(synth.stateless);
  statelessJson = stateless.toJSON();
}, 120_000);

const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnFunction);

function resourcesOfType(template: Template, type: string): [string, Json][] {
  return Object.entries(template.findResources(type));
}

/** The Fn::GetStackOutput the stateless stack uses for the table ARN, checked to point at the table. */
function tableArnReference(): Json {
  const tableId = synth.stateful.getLogicalId(synth.stateful.table.node.defaultChild as CfnTable);
  const outputs: Json = stateful.toJSON().Outputs;
  const [outputName] = Object.entries(outputs).find(
    ([, output]) => JSON.stringify(output.Value) === JSON.stringify({ 'Fn::GetAtt': [tableId, 'Arn'] }),
  ) ?? [undefined];
  expect(outputName).toBeDefined();
  const references = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const output = (node as Json)['Fn::GetStackOutput'];
      if (output?.OutputName === outputName) references.add(JSON.stringify(node));
      else Object.values(node).forEach(visit);
    }
  };
  visit(statelessJson.Resources);
  expect(references.size).toBe(1);
  return JSON.parse([...references][0] ?? '{}');
}

function rolePolicy(name: RouteFunction): { roleId: string; statements: Json[]; role: Json } {
  const role = synth.stateless.functions[name].role;
  const roleId = synth.stateless.getLogicalId(role.node.defaultChild as CfnRole);
  const resource: Json = statelessJson.Resources[roleId];
  const policies: Json[] = resource.Properties.Policies;
  expect(policies).toHaveLength(1);
  return { roleId, role: resource, statements: policies[0]?.PolicyDocument.Statement };
}

const asList = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

const originSecretId = () => logicalId(synth.stateless, synth.stateless.originSecret);

/** Every API function reads the origin secret, and only that secret (functions/commons/origin-secret.ts). */
const ORIGIN_SECRET_STATEMENT = () => ({
  Sid: 'OriginSecret',
  Effect: 'Allow',
  Action: 'secretsmanager:GetSecretValue',
  Resource: { Ref: originSecretId() },
});

describe('synthesis', () => {
  it('bundles both functions and synthesizes both stacks within two minutes', () => {
    console.info(`synth with esbuild bundling: ${synthSeconds.toFixed(1)} s`);
    expect(synth.assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'Konsulto-dev-Stateful',
      'Konsulto-dev-Stateless',
    ]);
    expect(synthSeconds).toBeLessThan(120);
  });
});

describe('stateful stack: the table', () => {
  it('has exactly one table, and the stateless stack none', () => {
    stateful.resourceCountIs('AWS::DynamoDB::Table', 1);
    stateless.resourceCountIs('AWS::DynamoDB::Table', 0);
  });

  it('has the key schema, attributes, indexes and TTL of shared/table.ts', () => {
    const [[, table]] = resourcesOfType(stateful, 'AWS::DynamoDB::Table') as [[string, Json]];
    const props = table.Properties;
    expect(props.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    const byName = (a: Json, b: Json) => a.AttributeName.localeCompare(b.AttributeName);
    expect([...props.AttributeDefinitions].sort(byName)).toEqual(
      keyAttributeNames()
        .map((name) => ({ AttributeName: name, AttributeType: 'S' }))
        .sort(byName),
    );
    expect(props.GlobalSecondaryIndexes).toEqual(
      TABLE.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: TABLE.ttlAttribute, Enabled: true });
  });

  it('is the very table the local runtime and the tests create (local/table.ts) on DynamoDB Local', () => {
    const [[, table]] = resourcesOfType(stateful, 'AWS::DynamoDB::Table') as [[string, Json]];
    const local = createTableInput('konsulto-local');
    const byName = (a: Json, b: Json) => a.AttributeName.localeCompare(b.AttributeName);
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual(
      [...(local.AttributeDefinitions ?? [])].sort(byName),
    );
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(table.Properties.BillingMode).toBe(local.BillingMode);
  });

  it('is on-demand, encrypted with the AWS-managed key, recoverable, protected and retained', () => {
    stateful.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // SSEEnabled without a key: KMS with the AWS-managed key alias/aws/dynamodb.
        SSESpecification: { SSEEnabled: true },
      }),
    });
    const [[, table]] = resourcesOfType(stateful, 'AWS::DynamoDB::Table') as [[string, Json]];
    expect(table.Properties.TableName).toBeUndefined();
  });

  it('maps any table definition: string keys, ALL projection, one GSI per index', () => {
    const definition = cdkTableDefinition({
      partitionKey: 'a',
      sortKey: 'b',
      ttlAttribute: 'ttl',
      indexes: [{ name: 'byC', partitionKey: 'c', sortKey: 'd' }],
    });
    expect(definition).toEqual({
      keys: {
        partitionKey: { name: 'a', type: 'S' },
        sortKey: { name: 'b', type: 'S' },
        timeToLiveAttribute: 'ttl',
      },
      globalSecondaryIndexes: [
        {
          indexName: 'byC',
          partitionKey: { name: 'c', type: 'S' },
          sortKey: { name: 'd', type: 'S' },
          projectionType: 'ALL',
        },
      ],
    });
  });
});

describe('stateless stack: functions', () => {
  const names = Object.keys(FUNCTION_ENTRIES) as RouteFunction[];

  it('has one Lambda per function group on nodejs24.x, arm64, with its memory, timeout and environment', () => {
    for (const name of names) {
      const fnId = logicalId(synth.stateless, synth.stateless.functions[name].function);
      const props: Json = statelessJson.Resources[fnId].Properties;
      const logGroupId = logicalId(synth.stateless, synth.stateless.functions[name].logGroup);
      expect(props.Runtime).toBe('nodejs24.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.Handler).toBe('index.handler');
      expect(props.MemorySize).toBe(FUNCTION_SETTINGS[name].memorySize);
      expect(props.Timeout).toBe(FUNCTION_SETTINGS[name].timeout.toSeconds());
      const secretVariable = FUNCTION_SETTINGS[name].participants ? ['KONSULTO_COOKIE_SECRET_ARN'] : [];
      const uploadsVariable = FUNCTION_SETTINGS[name].uploads ? ['KONSULTO_UPLOADS_BUCKET'] : [];
      // The staff function tells the console where to sign in (Cognito hosted login, the console's app client).
      const authVariables = name === 'staff' ? ['KONSULTO_AUTH_CLIENT_ID', 'KONSULTO_AUTH_DOMAIN_URL'] : [];
      // The staff function starts summary jobs and signs links to their files (summary-job.test.ts).
      const jobVariables = name === 'staff' ? ['KONSULTO_EXPORTS_BUCKET', 'KONSULTO_SUMMARY_JOB_FUNCTION'] : [];
      expect(Object.keys(props.Environment.Variables).sort()).toEqual(
        [
          ...authVariables,
          ...secretVariable,
          'KONSULTO_ORIGIN_SECRET_ARN',
          ...jobVariables,
          ...uploadsVariable,
          'NODE_OPTIONS',
          'TABLE_NAME',
        ].sort(),
      );
      expect(props.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(JSON.stringify(props.Environment.Variables.TABLE_NAME)).toMatch(/"Fn::GetStackOutput"/);
      expect(props.LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
      expect(props.Environment.Variables.KONSULTO_ORIGIN_SECRET_ARN).toEqual({ Ref: originSecretId() });
      // Dev reserves no concurrency (a new account has too little to reserve); prod does (stages.test.ts).
      expect(props.ReservedConcurrentExecutions).toBeUndefined();
    }
    const apiFunctions = resourcesOfType(stateless, 'AWS::Lambda::Function').filter(([, r]) =>
      String(r.Properties.Runtime).startsWith('nodejs'),
    );
    // And the summary job, which serves no route (summary-job.test.ts).
    expect(apiFunctions).toHaveLength(names.length + 1);
  });

  it('keeps function logs for two weeks in dev', () => {
    for (const name of names) {
      const id = logicalId(synth.stateless, synth.stateless.functions[name].logGroup);
      expect(statelessJson.Resources[id].Properties.RetentionInDays).toBe(RetentionDays.TWO_WEEKS);
      expect(statelessJson.Resources[id].DeletionPolicy).toBe('Delete');
    }
  });

  it('gives public-read exactly GetItem, BatchGetItem and Query on the table and Query on its indexes', () => {
    const { statements, role } = rolePolicy('public-read');
    const table = tableArnReference();
    const logGroupId = logicalId(synth.stateless, synth.stateless.functions['public-read'].logGroup);
    expect(statements).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      },
      { Sid: 'Table', Effect: 'Allow', Action: READ_ACTIONS, Resource: table },
      {
        Sid: 'TableIndexes',
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE.indexes.map((index) => ({ 'Fn::Join': ['', [table, `/index/${index.name}`]] })),
      },
      ORIGIN_SECRET_STATEMENT(),
    ]);
    const dynamoActions = new Set(statements.flatMap((s) => asList(s.Action)).filter((a) => a.startsWith('dynamodb:')));
    expect([...dynamoActions].sort()).toEqual(READ_ACTIONS);
    for (const write of WRITE_ACTIONS) expect(dynamoActions.has(write)).toBe(false);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('gives participation single-item reads and writes on the table, Query on its indexes, and the cookie secret', () => {
    const { statements, role } = rolePolicy('participation');
    const table = tableArnReference();
    expect(statements.map((s) => s.Sid)).toEqual([
      'WriteOwnLogs',
      'Table',
      'TableIndexes',
      'CookieSecret',
      'OriginSecret',
    ]);
    expect(statements[1]).toEqual({
      Sid: 'Table',
      Effect: 'Allow',
      Action: [
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ],
      Resource: table,
    });
    expect(statements[3]?.Action).toBe('secretsmanager:GetSecretValue');
    expect(JSON.stringify(statements[3]?.Resource)).toMatch(/CookieSecret/);
    expect(statements.flatMap((s) => asList(s.Action))).not.toContain('dynamodb:Scan');
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    // Functions that do not identify participants may read the origin secret and no other.
    for (const other of ['health', 'public-read'] as const) {
      const secretReads = rolePolicy(other).statements.filter((s) =>
        asList(s.Action).includes('secretsmanager:GetSecretValue'),
      );
      expect(secretReads).toEqual([ORIGIN_SECRET_STATEMENT()]);
    }
  });

  it('gives health exactly one dynamodb:GetItem on the base table', () => {
    const { statements, role } = rolePolicy('health');
    const logGroupId = logicalId(synth.stateless, synth.stateless.functions.health.logGroup);
    expect(statements).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      },
      { Sid: 'Table', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: tableArnReference() },
      ORIGIN_SECRET_STATEMENT(),
    ]);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('attaches no other policy to the function roles', () => {
    const roleIds = names.map((name) => rolePolicy(name).roleId);
    for (const [, policy] of resourcesOfType(stateless, 'AWS::IAM::Policy')) {
      for (const role of policy.Properties.Roles as Json[]) expect(roleIds).not.toContain(role.Ref);
    }
  });

  it('bundles with the same esbuild settings as npm run build:functions', () => {
    expect({
      bundle: true,
      platform: 'node',
      target: API_FUNCTION_BUNDLING.target,
      format: API_FUNCTION_BUNDLING.format,
      minify: API_FUNCTION_BUNDLING.minify,
      sourcemap: API_FUNCTION_BUNDLING.sourceMap,
      mainFields: API_FUNCTION_BUNDLING.mainFields,
      banner: { js: API_FUNCTION_BUNDLING.banner },
      legalComments: API_FUNCTION_BUNDLING.esbuildArgs['--legal-comments'],
      alias: Object.fromEntries(API_FUNCTION_BUNDLING.esbuildArgs['--alias'].map((arg) => arg.split('='))),
    }).toEqual(BUNDLE_OPTIONS);
    expect(API_FUNCTION_BUNDLING.externalModules).toEqual([]);
    expect(API_FUNCTION_BUNDLING.forceDockerBundling).toBe(false);
  });

  it('ships self-contained ESM bundles with the createRequire banner and a source map', () => {
    for (const name of names) {
      const fnId = logicalId(synth.stateless, synth.stateless.functions[name].function);
      const key: string = statelessJson.Resources[fnId].Properties.Code.S3Key;
      const dir = path.join(synth.assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
      const bundle = path.join(dir, 'index.mjs');
      const code = readFileSync(bundle, 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      // Environment credentials only (scripts/bundle-settings.ts): no SSO, web identity or container providers.
      for (const marker of ['ssoStartUrl', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS']) {
        expect(code).not.toContain(marker);
      }
      expect(existsSync(path.join(dir, 'index.mjs.map'))).toBe(true);
      // The assembly lives in the OS temp dir, with no node_modules above it: the bundle loads only if the AWS SDK
      // and every other dependency are inside it.
      expect(synth.assembly.directory.startsWith(os.tmpdir())).toBe(true);
      const loaded = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(typeof m.handler);`,
        ],
        { cwd: dir, env: { TABLE_NAME: 'konsulto-test', AWS_REGION: 'eu-central-1' }, encoding: 'utf8' },
      );
      expect(loaded.trim()).toBe('function');
      console.info(`${name}: index.mjs ${(statSync(bundle).size / 1024).toFixed(1)} KB`);
    }
  });
});

describe('stateless stack: HTTP API', () => {
  it('has one route per entry of ROUTES (local-only ones excepted), wired to the Lambda of its function group', () => {
    const routes = resourcesOfType(stateless, 'AWS::ApiGatewayV2::Route');
    const deployed = ROUTES.filter((r) => !r.localOnly);
    expect(routes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(
      deployed.map((r) => `${r.method} ${r.path}`).sort(),
    );
    for (const route of deployed) {
      const [, resource] = routes.find(([, r]) => r.Properties.RouteKey === `${route.method} ${route.path}`) ?? [];
      // Staff routes (groups, under /api/admin/) need the Cognito JWT authorizer; every other route is public.
      expect(resource?.Properties.AuthorizationType).toBe(route.groups?.length ? 'JWT' : 'NONE');
      const integrationId = resource?.Properties.Target['Fn::Join'][1][1].Ref;
      const integration: Json = statelessJson.Resources[integrationId].Properties;
      const fnId = logicalId(synth.stateless, synth.stateless.functions[route.function].function);
      expect(integration.IntegrationType).toBe('AWS_PROXY');
      expect(integration.PayloadFormatVersion).toBe('2.0');
      expect(integration.IntegrationUri).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    }
  });

  it('throttles the $default stage with the dev limits and auto-deploys it', () => {
    stateless.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('writes access logs as JSON with ids, route, status and latency, and no IP, agent or path', () => {
    const [[, stage]] = resourcesOfType(stateless, 'AWS::ApiGatewayV2::Stage') as [[string, Json]];
    const settings = stage.Properties.AccessLogSettings;
    const format = JSON.parse(settings.Format);
    expect(format).toEqual(ACCESS_LOG_FORMAT);
    expect(Object.keys(format)).toEqual(expect.arrayContaining(['requestId', 'routeKey', 'status', 'responseLatency']));
    expect(settings.Format).not.toMatch(/sourceIp|userAgent|\$context\.path|identity|body/);
    const logGroupId = logicalId(synth.stateless, synth.stateless.httpApi.accessLogGroup);
    expect(JSON.stringify(settings.DestinationArn)).toContain(logGroupId);
    expect(statelessJson.Resources[logGroupId].Properties.RetentionInDays).toBe(RetentionDays.TWO_WEEKS);
  });

  it('refuses to create a staff route without an authorizer', () => {
    const stack = new Stack(new App(), 'Probe');
    const fn = new LambdaFunction(stack, 'Fn', {
      code: Code.fromInline('export const handler = () => {}'),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
    });
    expect(
      () =>
        new KonsultoHttpApi(stack, 'Api', {
          routes: [{ method: 'POST', path: '/api/admin/x', function: 'health', groups: ['admin'] }],
          functions: Object.fromEntries(Object.keys(FUNCTION_ENTRIES).map((name) => [name, fn])) as Record<
            RouteFunction,
            typeof fn
          >,
          throttle: { rateLimit: 1, burstLimit: 1 },
          logRetention: RetentionDays.ONE_DAY,
          logRemovalPolicy: RemovalPolicy.DESTROY,
        }),
    ).toThrow('route POST /api/admin/x requires groups but no authorizer is configured');
  });
});

describe('stateless stack: site and CloudFront', () => {
  const distributionConfig = (): Json => {
    const [[, distribution]] = resourcesOfType(stateless, 'AWS::CloudFront::Distribution') as [[string, Json]];
    return distribution.Properties.DistributionConfig;
  };

  it('routes /api/* to the HTTP API over TLS 1.2, all methods, all viewer headers but Host, with the viewer host', () => {
    const config = distributionConfig();
    expect(config.CacheBehaviors).toHaveLength(1);
    const api = config.CacheBehaviors[0];
    expect(api).toMatchObject({
      PathPattern: '/api/*',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ViewerProtocolPolicy: 'https-only',
    });
    expect(api.FunctionAssociations).toHaveLength(1);
    expect(api.FunctionAssociations[0].EventType).toBe('viewer-request');
    const functionId = api.FunctionAssociations[0].FunctionARN['Fn::GetAtt'][0];
    expect(statelessJson.Resources[functionId].Properties.FunctionCode).toContain(
      "request.headers['x-forwarded-host']",
    );
    const origin = config.Origins.find((o: Json) => o.Id === api.TargetOriginId);
    const apiId = logicalId(synth.stateless, synth.stateless.httpApi.api);
    expect(origin.DomainName).toEqual({
      'Fn::Join': ['', [{ Ref: apiId }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
    });
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
  });

  it('sends the origin secret to the API origin only, as a Secrets Manager reference resolved at deploy time', () => {
    const config = distributionConfig();
    const api = config.Origins.find((o: Json) => o.Id === config.CacheBehaviors[0].TargetOriginId);
    expect(api.OriginCustomHeaders).toEqual([
      {
        HeaderName: ORIGIN_SECRET_HEADER,
        HeaderValue: {
          'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: originSecretId() }, ':SecretString:::}}']],
        },
      },
    ]);
    const site = config.Origins.find((o: Json) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(site.OriginCustomHeaders).toBeUndefined();
    expect(JSON.stringify(config)).not.toContain('SecretString::AWS');
    // A generated secret, removed with the stateless stack (a recreated stack sends and checks a new one).
    const secret: Json = statelessJson.Resources[originSecretId()];
    expect(secret.Properties.GenerateSecretString).toEqual({ PasswordLength: 48, ExcludePunctuation: true });
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.DeletionPolicy).toBe('Delete');
  });

  it('sends a given secret version after the value was changed (context originSecretVersion), and refuses a malformed one', () => {
    const version = '3f1c2b7e-0d3a-4c5b-9e8f-7a6b5c4d3e2f';
    const pinned = synthesize({ context: { originSecretVersion: version } });
    const [[, resource]] = resourcesOfType(Template.fromStack(pinned.stateless), 'AWS::CloudFront::Distribution') as [
      [string, Json],
    ];
    const api = resource.Properties.DistributionConfig.Origins.find((o: Json) => o.OriginCustomHeaders);
    const secretId = pinned.stateless.getLogicalId(pinned.stateless.originSecret.node.defaultChild as never);
    expect(api.OriginCustomHeaders[0].HeaderValue).toEqual({
      // secret-id:SecretString:json-key:version-stage:version-id
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, `:SecretString:::${version}}}`]],
    });
    expect(() => synthesize({ context: { originSecretVersion: 'AWSPREVIOUS' } })).toThrow(
      'context "originSecretVersion" must be a Secrets Manager version id',
    );
  });

  it('caches API reads only as the origin says (s-maxage), keyed without cookies or headers', () => {
    const api = distributionConfig().CacheBehaviors[0];
    expect(api.CachePolicyId).not.toBe(CACHING_DISABLED);
    const policy = statelessJson.Resources[api.CachePolicyId.Ref].Properties.CachePolicyConfig;
    expect(policy).toMatchObject({ DefaultTTL: 0, MinTTL: 0, MaxTTL: 300 });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      CookiesConfig: { CookieBehavior: 'none' },
      HeadersConfig: { HeaderBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'all' },
    });
  });

  it('serves the site from the private bucket through Origin Access Control, redirecting HTTP to HTTPS', () => {
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: CACHING_OPTIMIZED,
      AllowedMethods: ['GET', 'HEAD'],
    });
    const origin = config.Origins.find((o: Json) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    const oacId = Object.keys(stateless.findResources('AWS::CloudFront::OriginAccessControl'))[0];
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    stateless.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      }),
    });
    stateless.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
  });

  it('rewrites directory URLs to their index.html and leaves files alone', () => {
    const handler = new Function(`${INDEX_REWRITE}; return handler;`)() as (event: Json) => { uri: string };
    const rewrite = (uri: string) => handler({ request: { uri } }).uri;
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/konsultime/')).toBe('/konsultime/index.html');
    expect(rewrite('/konsultime/pkv-2026')).toBe('/konsultime/pkv-2026/index.html');
    expect(rewrite('/v1.2/faq')).toBe('/v1.2/faq/index.html');
    expect(rewrite('/_astro/page.3f9a.css')).toBe('/_astro/page.3f9a.css');
    const [[, fn]] = resourcesOfType(stateless, 'AWS::CloudFront::Function') as [[string, Json]];
    expect(fn.Properties.FunctionCode).toBe(INDEX_REWRITE);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const association = distributionConfig().DefaultCacheBehavior.FunctionAssociations;
    expect(association).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: {
          'Fn::GetAtt': [Object.keys(stateless.findResources('AWS::CloudFront::Function'))[0], 'FunctionARN'],
        },
      },
    ]);
  });

  it('blocks public access, requires TLS and encrypts both buckets; the site bucket logs to the log bucket', () => {
    const siteId = logicalId(synth.stateless, synth.stateless.site.bucket);
    const logId = logicalId(synth.stateless, synth.stateless.site.logBucket);
    expect(
      resourcesOfType(stateless, 'AWS::S3::Bucket')
        .map(([id]) => id)
        .sort(),
    ).toEqual([logId, siteId].sort());
    for (const id of [siteId, logId]) {
      const props: Json = statelessJson.Resources[id].Properties;
      expect(props.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(props.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
      expect(props.WebsiteConfiguration).toBeUndefined();
      stateless.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        }),
      });
    }
    expect(statelessJson.Resources[siteId].Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logId },
      LogFilePrefix: 'site-bucket/',
    });
  });

  it('uploads the site directory and invalidates the distribution', () => {
    stateless.resourceCountIs('Custom::CDKBucketDeployment', 1);
    stateless.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'] });
  });
});
