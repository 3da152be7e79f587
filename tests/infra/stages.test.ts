import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, JOB_ENTRIES, ROUTES, type RouteFunction } from '#functions/routes.ts';
import { STAGES, type Stage, stageConfig } from '#infra/config.ts';
import { CLOUDFRONT_LOG_FIELDS } from '#infra/stacks/edge-logs-stack.ts';
import { synthesize } from './synth.ts';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON.
type Json = Record<string, any>;

const ACCOUNT = '111122223333';
const REGION = 'eu-central-1';

/** Synthesizes a stage bound to ACCOUNT and REGION, as `cdk deploy --context stage=<stage>` does. */
function synthesizeStage(stage: Stage, account = ACCOUNT) {
  const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  process.env.CDK_DEFAULT_ACCOUNT = account;
  process.env.CDK_DEFAULT_REGION = REGION;
  try {
    return synthesize({ context: { stage } });
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

type Synthesized = {
  synth: ReturnType<typeof synthesizeStage>;
  stateful: Template;
  stateless: Template;
  edge: Template;
};
const built = {} as Record<Stage, Synthesized>;

beforeAll(() => {
  for (const stage of STAGES) {
    const synth = synthesizeStage(stage);
    if (!synth.edge) throw new Error('no edge stack');
    built[stage] = {
      synth,
      stateful: Template.fromStack(synth.stateful),
      stateless: Template.fromStack(synth.stateless),
      edge: Template.fromStack(synth.edge),
    };
  }
}, 120_000);

describe.each(STAGES)('stage %s, from CDK context', (stage) => {
  const config = stageConfig(stage);
  const get = () => built[stage];

  it('names its stacks after the stage', () => {
    const { synth } = get();
    expect([
      synth.stateful.stackName,
      synth.stateless.stackName,
      synth.edge?.stackName,
      synth.edgeLogs?.stackName,
    ]).toEqual([
      `Konsulto-${stage}-Stateful`,
      `Konsulto-${stage}-Stateless`,
      `Konsulto-${stage}-Edge`,
      `Konsulto-${stage}-EdgeLogs`,
    ]);
    expect(synth.stateful.terminationProtection).toBe(config.terminationProtection);
  });

  it('throttles the stage and, tighter, every route of the health, proposals and staff functions', () => {
    const [[, stageResource]] = resources(get().stateless, 'AWS::ApiGatewayV2::Stage') as [[string, Json]];
    expect(stageResource.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: config.apiThrottle.rateLimit,
      ThrottlingBurstLimit: config.apiThrottle.burstLimit,
    });
    const expected: Record<string, Json> = {};
    for (const route of ROUTES) {
      const throttle = config.routeThrottles[route.function];
      if (route.localOnly || !throttle) continue;
      expected[`${route.method} ${route.path}`] = {
        ThrottlingRateLimit: throttle.rateLimit,
        ThrottlingBurstLimit: throttle.burstLimit,
      };
    }
    expect(Object.keys(config.routeThrottles).sort()).toEqual(['health', 'proposals', 'staff']);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(stageResource.Properties.RouteSettings).toEqual(expected);
    // Each route throttle is below the stage's: a route setting above it would have no effect.
    for (const throttle of Object.values(config.routeThrottles)) {
      expect(throttle.rateLimit).toBeLessThan(config.apiThrottle.rateLimit);
      expect(throttle.burstLimit).toBeLessThan(config.apiThrottle.burstLimit);
    }
    // The stage waits for the routes its settings name.
    const routeIds = resources(get().stateless, 'AWS::ApiGatewayV2::Route').map(([id]) => id);
    const [[stageId]] = resources(get().stateless, 'AWS::ApiGatewayV2::Stage') as [[string, Json]];
    const dependsOn: string[] = get().stateless.toJSON().Resources[stageId].DependsOn ?? [];
    expect(dependsOn.filter((id) => routeIds.includes(id)).length).toBe(Object.keys(expected).length);
  });

  it('reserves concurrency per function as configured', () => {
    const { synth, stateless } = get();
    const json = stateless.toJSON();
    for (const name of Object.keys(FUNCTION_ENTRIES) as RouteFunction[]) {
      const id = synth.stateless.getLogicalId(synth.stateless.functions[name].function.node.defaultChild as never);
      expect(json.Resources[id].Properties.ReservedConcurrentExecutions, name).toBe(config.reservedConcurrency[name]);
    }
  });

  it('keeps logs for the stage retention and removes or retains them as configured', () => {
    const { synth, stateless } = get();
    const json = stateless.toJSON();
    const groups = [
      ...Object.values(synth.stateless.functions).map((fn) => fn.logGroup),
      synth.stateless.httpApi.accessLogGroup,
    ];
    for (const group of groups) {
      const resource = json.Resources[synth.stateless.getLogicalId(group.node.defaultChild as never)];
      expect(resource.Properties.RetentionInDays).toBe(config.logRetention);
      expect(resource.DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
    }
    const [[, key]] = resources(stateless, 'AWS::KMS::Key') as [[string, Json]];
    expect(key.DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
  });

  it('retains the data in every stage: table, uploads and exports buckets, cookie secret, staff pool', () => {
    const { stateful } = get();
    for (const [type, count] of [
      ['AWS::DynamoDB::Table', 1],
      ['AWS::S3::Bucket', 2],
      ['AWS::SecretsManager::Secret', 1],
      ['AWS::Cognito::UserPool', 1],
    ] as const) {
      const found = resources(stateful, type);
      expect(found, type).toHaveLength(count);
      for (const [, resource] of found) {
        expect(resource.DeletionPolicy, type).toBe('Retain');
        expect(resource.UpdateReplacePolicy, type).toBe('Retain');
      }
    }
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('keeps CloudFront access logs in us-east-1 for the stage retention, without personal fields', () => {
    const { synth } = get();
    const edgeLogs = synth.edgeLogs;
    if (!edgeLogs) throw new Error('no edge logs stack');
    expect(edgeLogs.region).toBe('us-east-1');
    const template = Template.fromStack(edgeLogs);
    const [[, group]] = resources(template, 'AWS::Logs::LogGroup') as [[string, Json]];
    expect(group.Properties.RetentionInDays).toBe(config.logRetention);
    expect(group.DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
    const [[, delivery]] = resources(template, 'AWS::Logs::Delivery') as [[string, Json]];
    expect(delivery.Properties.RecordFields).toEqual([...CLOUDFRONT_LOG_FIELDS]);
    expect(resources(template, 'AWS::Logs::DeliverySource').map(([, r]) => r.Properties.Name)).toEqual([
      `konsulto-${stage}-cloudfront`,
    ]);
  });

  it('limits API writes per IP in the WAF with the stage limit', () => {
    const [[, acl]] = resources(get().edge, 'AWS::WAFv2::WebACL') as [[string, Json]];
    expect(acl.Properties.Rules[0].Statement.RateBasedStatement.Limit).toBe(config.wafApiWritesPer5Minutes);
    expect(acl.Properties.VisibilityConfig.MetricName).toBe(`konsulto-${stage}-web-acl`);
  });

  it('alarms at the stage thresholds', () => {
    const alarms = resources(get().stateless, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const threshold = (text: string) => alarms.filter((a) => a.AlarmDescription.includes(text)).map((a) => a.Threshold);
    const t = config.alarmThresholds;
    expect(threshold('HTTP API 5xx')).toEqual([t.api5xxPercent]);
    // Every API function and the summary job.
    const functions = Object.keys(FUNCTION_ENTRIES).length + Object.keys(JOB_ENTRIES).length;
    expect(threshold('unhandled errors')).toEqual(Array(functions).fill(t.lambdaErrors));
    expect(threshold('invocations throttled')).toEqual(Array(functions).fill(t.lambdaThrottles));
    expect(threshold('DynamoDB throttled requests')).toEqual([t.tableThrottledRequests]);
    expect(threshold('DynamoDB system errors')).toEqual([t.tableSystemErrors]);
    const [api] = alarms.filter((a) => a.AlarmDescription.includes('HTTP API 5xx'));
    expect(api.Metrics[0].Expression).toBe(`IF(requests >= ${t.apiMinimumRequests}, 100 * errors / requests, 0)`);
    for (const alarm of alarms) expect(alarm.AlarmDescription).toMatch(new RegExp(`^Konsulto ${stage}: `));
  });
});

describe('stage settings', () => {
  it('differ where they should: prod keeps logs longer, throttles higher, reserves concurrency, alarms earlier', () => {
    const dev = stageConfig('dev');
    const prod = stageConfig('prod');
    expect(prod.logRetention).toBeGreaterThan(dev.logRetention);
    expect(prod.apiThrottle.rateLimit).toBeGreaterThan(dev.apiThrottle.rateLimit);
    expect(prod.wafApiWritesPer5Minutes).toBeGreaterThan(dev.wafApiWritesPer5Minutes);
    expect(dev.reservedConcurrency).toEqual({});
    expect(prod.reservedConcurrency).toEqual({ participation: 400, proposals: 50, staff: 20 });
    // The account default is 1,000 concurrent executions, of which at least 100 must stay unreserved.
    expect(Object.values(prod.reservedConcurrency).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(900);
    // Every threshold is lower in prod; only the request count below which the 5xx rate is not judged is shared.
    const { apiMinimumRequests, ...prodEarlier } = prod.alarmThresholds;
    expect(apiMinimumRequests).toBe(dev.alarmThresholds.apiMinimumRequests);
    for (const [key, value] of Object.entries(prodEarlier)) {
      expect(value, key).toBeLessThan(dev.alarmThresholds[key as keyof typeof prodEarlier]);
    }
  });
});

describe('no hard-coded names or account ids', () => {
  const ACCOUNT_LIKE = /(?<![0-9a-f])\d{12}(?![0-9a-f])/g;

  it('puts no account id and no region in a region-agnostic synthesis', () => {
    const agnostic = synthesize();
    // Metadata (cdk-nag's written reasons) is prose, not configuration.
    const text = JSON.stringify(
      [Template.fromStack(agnostic.stateful).toJSON(), Template.fromStack(agnostic.stateless).toJSON()],
      (key, value) => (key === 'Metadata' ? undefined : value),
    );
    expect(text.match(ACCOUNT_LIKE) ?? []).toEqual([]);
    const regions = text.match(
      /\b(?:eu|us|ap|ca|sa|me|af)-(?:central|west|east|north|south|southeast|northeast)-\d\b/g,
    );
    expect(regions ?? []).toEqual([]);
  });

  it('takes the account only from the environment: another account gives the same templates but for its id', () => {
    const other = synthesizeStage('dev', '444455556666');
    const text = (synth: ReturnType<typeof synthesizeStage>) =>
      JSON.stringify([
        Template.fromStack(synth.stateful).toJSON(),
        Template.fromStack(synth.stateless).toJSON(),
        Template.fromStack(synth.edge as never).toJSON(),
        Template.fromStack(synth.edgeLogs as never).toJSON(),
      ]);
    const mine = text(built.dev.synth);
    expect(mine).toContain(ACCOUNT);
    expect(text(other)).not.toContain(ACCOUNT);
    expect(text(other).replaceAll('444455556666', ACCOUNT)).toBe(mine);
  });
});
