import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, JOB_ENTRIES } from '#functions/routes.ts';
import { stageConfig } from '#infra/config.ts';
import { ACCESS_LOG_FORMAT } from '#infra/constructs/http-api.ts';
import { CSP_HEADER, HSTS_MAX_AGE_SECONDS } from '#infra/constructs/site-distribution.ts';
import { CLOUDFRONT_LOG_FIELDS } from '#infra/stacks/edge-logs-stack.ts';
import { synthesize } from './synth.ts';

/** This file synthesizes the dev stage (no stage in context); tests/infra/stages.test.ts compares dev and prod. */
const DEV = stageConfig('dev');
const ALARM_THRESHOLDS = DEV.alarmThresholds;

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON.
type Json = Record<string, any>;

/** Synthesizes bound to an account and region, as `cdk deploy` does (the web ACL needs a concrete region). */
function synthesizeIn(region: string, context: Record<string, unknown> = {}) {
  const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  process.env.CDK_DEFAULT_ACCOUNT = '111122223333';
  process.env.CDK_DEFAULT_REGION = region;
  try {
    return synthesize({ context });
  } finally {
    for (const [key, value] of [
      ['CDK_DEFAULT_ACCOUNT', saved.account],
      ['CDK_DEFAULT_REGION', saved.region],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const resources = (template: Template, type: string): [string, Json][] => Object.entries(template.findResources(type));
const FUNCTION_NAMES = Object.keys(FUNCTION_ENTRIES);
/** The summary job has the same alarms (errors, throttles). */
const ALARMED_FUNCTIONS = [...FUNCTION_NAMES, ...Object.keys(JOB_ENTRIES)];
const visibility = (metricName: string) => ({
  CloudWatchMetricsEnabled: true,
  MetricName: metricName,
  SampledRequestsEnabled: false,
});

let bound: ReturnType<typeof synthesizeIn>;
let stateless: Template;
let edge: Template;
let distribution: Json;

beforeAll(() => {
  bound = synthesizeIn('eu-central-1', { alarmEmail: 'ops@example.al' });
  stateless = Template.fromStack(bound.stateless);
  if (!bound.edge) throw new Error('no edge stack');
  edge = Template.fromStack(bound.edge);
  const [[, resource]] = resources(stateless, 'AWS::CloudFront::Distribution') as [[string, Json]];
  distribution = resource.Properties.DistributionConfig;
}, 60_000);

describe('CloudFront response headers', () => {
  it('sends HSTS (2 years, subdomains, preload), nosniff, strict-origin-when-cross-origin, DENY and frame-ancestors', () => {
    expect(HSTS_MAX_AGE_SECONDS).toBe(63_072_000);
    const policies = resources(stateless, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(1);
    const [[, policy]] = policies as [[string, Json]];
    const config = policy.Properties.ResponseHeadersPolicyConfig;
    expect(config.SecurityHeadersConfig).toEqual({
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 63_072_000,
        IncludeSubdomains: true,
        Preload: true,
        Override: true,
      },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentSecurityPolicy: { ContentSecurityPolicy: "frame-ancestors 'none'", Override: true },
    });
    expect(CSP_HEADER).toBe("frame-ancestors 'none'");
    expect(config.CustomHeadersConfig).toBeUndefined();
    expect(config.CorsConfig).toBeUndefined();
  });

  it('applies the policy to the site and to /api/*, replacing the managed SECURITY_HEADERS', () => {
    const [[policyId]] = resources(stateless, 'AWS::CloudFront::ResponseHeadersPolicy') as [[string, Json]];
    expect(distribution.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    expect(distribution.CacheBehaviors.map((b: Json) => [b.PathPattern, b.ResponseHeadersPolicyId])).toEqual([
      ['/api/*', { Ref: policyId }],
    ]);
    // The managed SECURITY_HEADERS policy id.
    expect(JSON.stringify(stateless.toJSON())).not.toContain('67f7725c-6f97-4210-82d7-5512b31e9d03');
  });
});

describe('WAF web ACL', () => {
  it('lives in its own us-east-1 stack, with the ARN read by the distribution through Fn::GetStackOutput', () => {
    expect(bound.edge?.region).toBe('us-east-1');
    expect(bound.edge?.account).toBe('111122223333');
    expect(bound.edge?.stackName).toBe('Konsulto-dev-Edge');
    expect(bound.stateless.dependencies).toContain(bound.edge);
    expect(Object.keys(edge.toJSON().Resources)).toHaveLength(1);
    const [[aclId]] = resources(edge, 'AWS::WAFv2::WebACL') as [[string, Json]];
    const [outputName, output] = Object.entries(edge.toJSON().Outputs as Json).find(
      ([, o]) => JSON.stringify(o.Value) === JSON.stringify({ 'Fn::GetAtt': [aclId, 'Arn'] }),
    ) as [string, Json];
    expect(output).toBeDefined();
    expect(distribution.WebACLId).toEqual({
      'Fn::GetStackOutput': { StackName: 'Konsulto-dev-Edge', Region: 'us-east-1', OutputName: outputName },
    });
  });

  it('is a CLOUDFRONT-scope ACL allowing by default, without sampled requests (they hold IPs)', () => {
    const [[, acl]] = resources(edge, 'AWS::WAFv2::WebACL') as [[string, Json]];
    expect(acl.Properties).toMatchObject({
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility('konsulto-dev-web-acl'),
    });
    expect(acl.Properties.Rules.map((r: Json) => [r.Priority, r.Name])).toEqual([
      [0, 'api-write-rate-per-ip'],
      [1, 'AWSManagedRulesCommonRuleSet'],
      [2, 'AWSManagedRulesKnownBadInputsRuleSet'],
    ]);
    for (const rule of acl.Properties.Rules) expect(rule.VisibilityConfig.SampledRequestsEnabled).toBe(false);
    edge.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 0);
  });

  it('limits API writes to the stage limit (dev: 500) per IP per 5 minutes, answering 429 with Retry-After', () => {
    expect(DEV.wafApiWritesPer5Minutes).toBe(500);
    const [[, acl]] = resources(edge, 'AWS::WAFv2::WebACL') as [[string, Json]];
    const methodIs = (method: string) => ({
      ByteMatchStatement: {
        FieldToMatch: { Method: {} },
        PositionalConstraint: 'EXACTLY',
        SearchString: method,
        TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      },
    });
    expect(acl.Properties.Rules[0]).toEqual({
      Name: 'api-write-rate-per-ip',
      Priority: 0,
      Action: {
        Block: {
          CustomResponse: {
            ResponseCode: 429,
            CustomResponseBodyKey: 'rate-limited',
            ResponseHeaders: [{ Name: 'retry-after', Value: '300' }],
          },
        },
      },
      Statement: {
        RateBasedStatement: {
          AggregateKeyType: 'IP',
          Limit: 500,
          EvaluationWindowSec: 300,
          ScopeDownStatement: {
            AndStatement: {
              Statements: [
                {
                  ByteMatchStatement: {
                    FieldToMatch: { UriPath: {} },
                    PositionalConstraint: 'STARTS_WITH',
                    SearchString: '/api/',
                    TextTransformations: [{ Priority: 0, Type: 'NONE' }],
                  },
                },
                { NotStatement: { Statement: { OrStatement: { Statements: [methodIs('GET'), methodIs('HEAD')] } } } },
              ],
            },
          },
        },
      },
      VisibilityConfig: visibility('konsulto-dev-api-write-rate'),
    });
    expect(acl.Properties.CustomResponseBodies['rate-limited'].ContentType).toBe('APPLICATION_JSON');
  });

  it('runs the AWS common rule set (body size rule counted only) and known bad inputs', () => {
    const [[, acl]] = resources(edge, 'AWS::WAFv2::WebACL') as [[string, Json]];
    expect(acl.Properties.Rules.slice(1)).toEqual([
      {
        Name: 'AWSManagedRulesCommonRuleSet',
        Priority: 1,
        OverrideAction: { None: {} },
        Statement: {
          ManagedRuleGroupStatement: {
            VendorName: 'AWS',
            Name: 'AWSManagedRulesCommonRuleSet',
            RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
          },
        },
        VisibilityConfig: visibility('konsulto-dev-common'),
      },
      {
        Name: 'AWSManagedRulesKnownBadInputsRuleSet',
        Priority: 2,
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
        VisibilityConfig: visibility('konsulto-dev-known-bad-inputs'),
      },
    ]);
  });

  it('also attaches when the app itself is in us-east-1 (a same-region reference)', () => {
    const east = synthesizeIn('us-east-1');
    const [[, resource]] = resources(Template.fromStack(east.stateless), 'AWS::CloudFront::Distribution') as [
      [string, Json],
    ];
    expect(resource.Properties.DistributionConfig.WebACLId['Fn::GetStackOutput']).toMatchObject({
      StackName: 'Konsulto-dev-Edge',
    });
  });

  it('is left out of a region-agnostic synthesis (a bare App, no CDK_DEFAULT_REGION), where CFR2 is acknowledged instead', () => {
    const agnostic = synthesize();
    expect(agnostic.edge).toBeUndefined();
    expect(
      agnostic.app.node.children
        .filter((c) => Stack.isStack(c))
        .map((c) => c.node.id)
        .sort(),
    ).toEqual(['Konsulto-dev-Stateful', 'Konsulto-dev-Stateless']);
    const template = Template.fromStack(agnostic.stateless);
    const [[, resource]] = resources(template, 'AWS::CloudFront::Distribution') as [[string, Json]];
    expect(resource.Properties.DistributionConfig.WebACLId).toBeUndefined();
    expect(JSON.stringify(resource.Metadata)).toContain('AwsSolutions-CFR2');
    expect(JSON.stringify(distribution)).not.toContain('CFR2');
  });
});

describe('CloudFront access logs (standard logging v2)', () => {
  it('live in a us-east-1 stack after the stateless one, the source being the distribution (Fn::GetStackOutput)', () => {
    const edgeLogs = bound.edgeLogs;
    if (!edgeLogs) throw new Error('no edge logs stack');
    expect([edgeLogs.region, edgeLogs.account, edgeLogs.stackName]).toEqual([
      'us-east-1',
      '111122223333',
      'Konsulto-dev-EdgeLogs',
    ]);
    expect(edgeLogs.dependencies).toContain(bound.stateless);
    const template = Template.fromStack(edgeLogs);
    const [[, source]] = resources(template, 'AWS::Logs::DeliverySource') as [[string, Json]];
    expect(source.Properties.LogType).toBe('ACCESS_LOGS');
    const distributionId = bound.stateless.getLogicalId(bound.stateless.site.distribution.node.defaultChild as never);
    const [outputName] = Object.entries(stateless.toJSON().Outputs as Json).find(
      ([, o]) => JSON.stringify(o.Value) === JSON.stringify({ Ref: distributionId }),
    ) as [string, Json];
    expect(source.Properties.ResourceArn).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:aws:cloudfront::111122223333:distribution/',
          {
            'Fn::GetStackOutput': {
              StackName: 'Konsulto-dev-Stateless',
              Region: 'eu-central-1',
              OutputName: outputName,
            },
          },
        ],
      ],
    });
    const [[groupId]] = resources(template, 'AWS::Logs::LogGroup') as [[string, Json]];
    const [[destinationId, destination]] = resources(template, 'AWS::Logs::DeliveryDestination') as [[string, Json]];
    expect(destination.Properties).toMatchObject({
      DestinationResourceArn: { 'Fn::GetAtt': [groupId, 'Arn'] },
      OutputFormat: 'json',
    });
    const [[, delivery]] = resources(template, 'AWS::Logs::Delivery') as [[string, Json]];
    expect(delivery.Properties.DeliverySourceName).toEqual({
      Ref: Object.keys(template.findResources('AWS::Logs::DeliverySource'))[0],
    });
    expect(delivery.Properties.DeliveryDestinationArn).toEqual({ 'Fn::GetAtt': [destinationId, 'Arn'] });
  });

  it('record what a request did, never who made it: no IP, port, country, agent, referrer, cookie, path or query', () => {
    const template = Template.fromStack(bound.edgeLogs as never);
    const [[, delivery]] = resources(template, 'AWS::Logs::Delivery') as [[string, Json]];
    const fields: string[] = delivery.Properties.RecordFields;
    expect(fields).toEqual([...CLOUDFRONT_LOG_FIELDS]);
    expect(fields).toEqual(expect.arrayContaining(['sc-status', 'time-taken', 'cache-behavior-path-pattern']));
    for (const personal of [
      'c-ip',
      'c-ip-version',
      'c-port',
      'c-country',
      'asn',
      'x-forwarded-for',
      'cs(User-Agent)',
      'cs(Referer)',
      'cs(Cookie)',
      'cs-uri-stem',
      'cs-uri-query',
      'cs(Host)',
      'x-host-header',
      'cs-headers',
    ]) {
      expect(fields).not.toContain(personal);
    }
    // The legacy Logging setting (all fields, IPs included) stays off; cdk-nag's CFR3 checks only that one.
    expect(distribution.Logging).toBeUndefined();
    const [[, resource]] = resources(stateless, 'AWS::CloudFront::Distribution') as [[string, Json]];
    expect(JSON.stringify(resource.Metadata)).toMatch(/AwsSolutions-CFR3.*standard logging v2/);
  });

  it('are left out of a region-agnostic synthesis, like the web ACL', () => {
    expect(synthesize().edgeLogs).toBeUndefined();
  });
});

describe('operations: alarm topic, alarms and dashboard', () => {
  const topicRef = () => ({ Ref: (resources(stateless, 'AWS::SNS::Topic')[0] as [string, Json])[0] });

  it('encrypts the alarm topic with a rotated key CloudWatch may use, and denies publishing without TLS', () => {
    const [[keyId, key]] = resources(stateless, 'AWS::KMS::Key') as [[string, Json]];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Resource: '*',
    });
    expect(resources(stateless, 'AWS::SNS::Topic')).toHaveLength(1);
    stateless.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    stateless.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef()],
      PolicyDocument: {
        Statement: [
          {
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Effect: 'Deny',
            Principal: '*',
            Resource: topicRef(),
            Sid: 'AllowPublishThroughSSLOnly',
          },
        ],
        Version: '2012-10-17',
      },
    });
  });

  it('subscribes the context alarmEmail, and only when given; refuses a malformed one', () => {
    expect(resources(stateless, 'AWS::SNS::Subscription').map(([, s]) => s.Properties)).toEqual([
      { Endpoint: 'ops@example.al', Protocol: 'email', TopicArn: topicRef() },
    ]);
    Template.fromStack(synthesize().stateless).resourceCountIs('AWS::SNS::Subscription', 0);
    expect(() => synthesize({ context: { alarmEmail: 'not an address' } })).toThrow(
      'context "alarmEmail" must be an email address',
    );
  });

  it('has exactly: API 5xx rate, errors and throttles of each function, failed summary jobs waiting, table throttling and system errors', () => {
    const alarms = resources(stateless, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms).toHaveLength(1 + 2 * ALARMED_FUNCTIONS.length + 1 + 2);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([topicRef()]);
      expect(alarm.OKActions).toEqual([topicRef()]);
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
    const byDescription = (text: string) => alarms.filter((a) => a.AlarmDescription.includes(text));

    const [api] = byDescription('HTTP API 5xx');
    expect(api).toMatchObject({
      Threshold: ALARM_THRESHOLDS.api5xxPercent,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    const apiId = bound.stateless.getLogicalId(bound.stateless.httpApi.api.node.defaultChild as never);
    expect(api.Metrics).toEqual([
      {
        Expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
        Id: 'expr_1',
        Label: 'API 5xx (% of requests)',
        ReturnData: true,
      },
      ...[
        ['requests', 'Count'],
        ['errors', '5xx'],
      ].map(([id, name]) => ({
        Id: id,
        MetricStat: {
          Metric: {
            Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }],
            MetricName: name,
            Namespace: 'AWS/ApiGateway',
          },
          Period: 300,
          Stat: 'Sum',
        },
        ReturnData: false,
      })),
    ]);

    for (const name of ALARMED_FUNCTIONS) {
      const fn =
        name === 'summary-job'
          ? bound.stateless.summaryJob.function
          : bound.stateless.functions[name as keyof typeof bound.stateless.functions].function;
      const fnId = bound.stateless.getLogicalId(fn.node.defaultChild as never);
      for (const [metric, threshold, text] of [
        ['Errors', ALARM_THRESHOLDS.lambdaErrors, 'unhandled errors'],
        ['Throttles', ALARM_THRESHOLDS.lambdaThrottles, 'invocations throttled'],
      ] as const) {
        expect(byDescription(`function ${name}: ${text}`), `${name} ${metric}`).toEqual([
          expect.objectContaining({
            Namespace: 'AWS/Lambda',
            MetricName: metric,
            Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }],
            Statistic: 'Sum',
            Period: 300,
            Threshold: threshold,
            EvaluationPeriods: 1,
          }),
        ]);
      }
    }

    const queueId = bound.stateless.getLogicalId(bound.stateless.summaryJobFailures.node.defaultChild as never);
    expect(byDescription('summary-job: failed invocations waiting in the failure queue')).toEqual([
      expect.objectContaining({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: 1,
        EvaluationPeriods: 1,
      }),
    ]);

    for (const [text, metricName, threshold] of [
      ['DynamoDB throttled requests', 'ThrottledRequests', ALARM_THRESHOLDS.tableThrottledRequests],
      ['DynamoDB system errors', 'SystemErrors', ALARM_THRESHOLDS.tableSystemErrors],
    ] as const) {
      const [alarm] = byDescription(text);
      expect(alarm.Threshold).toBe(threshold);
      const stats = alarm.Metrics.filter((m: Json) => m.MetricStat).map((m: Json) => m.MetricStat.Metric);
      expect(stats.map((m: Json) => [m.Namespace, m.MetricName, m.Dimensions[0].Value])).toEqual(
        ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems'].map((op) => [
          'AWS/DynamoDB',
          metricName,
          op,
        ]),
      );
      // The table name comes from the stateful stack.
      expect(JSON.stringify(stats[0].Dimensions[1].Value)).toContain('Konsulto-dev-Stateful');
    }
  });

  it('draws one dashboard of the API, the functions and the table', () => {
    const [[, dashboard]] = resources(stateless, 'AWS::CloudWatch::Dashboard') as [[string, Json]];
    expect(dashboard.Properties.DashboardName).toBe('Konsulto-dev');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const title of [
      'Alarms',
      'HTTP API: requests and 4xx/5xx',
      'Functions: errors',
      'Functions: throttles',
      'DynamoDB: throttled requests',
      'DynamoDB: system errors',
    ]) {
      expect(body).toContain(title);
    }
  });

  it('keeps the HTTP API access log without personal data', () => {
    const [[, stage]] = resources(stateless, 'AWS::ApiGatewayV2::Stage') as [[string, Json]];
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toEqual(ACCESS_LOG_FORMAT);
    expect(Object.keys(ACCESS_LOG_FORMAT).join()).not.toMatch(/ip|agent/i);
  });
});
