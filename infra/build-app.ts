import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type CustomDomain, parseStage, stageConfig } from './config.ts';
import { SITE_DIST } from './paths.ts';
import { EdgeLogsStack } from './stacks/edge-logs-stack.ts';
import { EDGE_REGION, EdgeStack } from './stacks/edge-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';

export type BuildAppOptions = {
  /** Directory of the built site; defaults to site/dist. Tests pass a small fixture. */
  siteAssetPath?: string;
};

/**
 * Adds Konsulto's stacks for the `stage` in context to `app` and registers cdk-nag's AwsSolutions pack as a
 * validation plugin, so any unacknowledged finding fails synthesis. Used by infra/app.ts and by tests/infra.
 */
export function buildApp(app: App, options: BuildAppOptions = {}) {
  const config = stageConfig(parseStage(app.node.tryGetContext('stage')));
  const customDomain = readCustomDomain(app);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const prefix = `Konsulto-${config.stage}`;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    config,
    description: `Konsulto ${config.stage}: DynamoDB table, cookie secret, proposal uploads bucket and staff user pool (retained)`,
    terminationProtection: config.terminationProtection,
    ...authDomainPrefix(app),
  });
  // The web ACL of a CloudFront distribution must be in us-east-1. Its ARN crosses regions by a weak reference
  // (Fn::GetStackOutput), which needs a concrete region on both sides. The cdk CLI always sets CDK_DEFAULT_REGION (the
  // profile's, AWS_REGION, else us-east-1), so `npm run synth` and `cdk deploy` build it; only a bare App without a
  // region (unit tests) builds no edge stack, and then the distribution has no web ACL (CFR2 acknowledged).
  const edge = env.region
    ? new EdgeStack(app, `${prefix}-Edge`, {
        env: { account: env.account, region: EDGE_REGION },
        config,
        description: `Konsulto ${config.stage}: WAF web ACL of the CloudFront distribution (us-east-1)`,
      })
    : undefined;
  const alarmEmail = readAlarmEmail(app);
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    config,
    description: `Konsulto ${config.stage}: functions, HTTP API, site, CloudFront, alarms and dashboard`,
    table: stateful.table,
    cookieSecret: stateful.cookieSecret,
    siteAssetPath: options.siteAssetPath ?? SITE_DIST,
    staffUserPool: stateful.staff.userPool,
    staffAuthDomain: stateful.staff.domain,
    ...(customDomain ? { customDomain } : {}),
    ...(edge ? { webAclArn: edge.webAcl.webAcl.attrArn } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...originSecretVersion(app),
  });

  // CloudFront access logs: their delivery source must be in us-east-1 too, and created after the distribution.
  const edgeLogs = env.region
    ? new EdgeLogsStack(app, `${prefix}-EdgeLogs`, {
        env: { account: env.account, region: EDGE_REGION },
        config,
        distribution: stateless.site.distribution,
        description: `Konsulto ${config.stage}: CloudFront access logs without personal data (us-east-1)`,
      })
    : undefined;

  Tags.of(app).add('project', 'konsulto');
  Tags.of(app).add('stage', config.stage);
  // writeSuppressionsToCloudFormation keeps each acknowledgement and its reason in the template metadata.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { config, stateful, stateless, edge, edgeLogs };
}

/** Context `alarmEmail`: an address subscribed to the alarm topic. */
function readAlarmEmail(app: App): string | undefined {
  const value: unknown = app.node.tryGetContext('alarmEmail');
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw new Error('context "alarmEmail" must be an email address');
  }
  return value;
}

function readCustomDomain(app: App): CustomDomain | undefined {
  const domainName: unknown = app.node.tryGetContext('domainName');
  const certificateArn: unknown = app.node.tryGetContext('certificateArn');
  if (domainName === undefined && certificateArn === undefined) return undefined;
  if (typeof domainName !== 'string' || typeof certificateArn !== 'string' || !domainName || !certificateArn) {
    throw new Error('context "domainName" and "certificateArn" must be set together');
  }
  return { domainName, certificateArn };
}

/** Context `originSecretVersion`: a Secrets Manager version id (after the value was changed, docs/deploy.md). */
function originSecretVersion(app: App): { originSecretVersion?: string } {
  const value: unknown = app.node.tryGetContext('originSecretVersion');
  if (value === undefined) return {};
  if (typeof value !== 'string' || !/^[A-Za-z0-9-]{32,64}$/.test(value)) {
    throw new Error('context "originSecretVersion" must be a Secrets Manager version id');
  }
  return { originSecretVersion: value };
}

/** Context `authDomainPrefix`: the staff hosted-login domain prefix, when the default one is taken in the region. */
function authDomainPrefix(app: App): { authDomainPrefix?: string } {
  const value: unknown = app.node.tryGetContext('authDomainPrefix');
  if (value === undefined) return {};
  if (typeof value !== 'string' || !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value)) {
    throw new Error('context "authDomainPrefix" must be lowercase letters, digits and hyphens');
  }
  return { authDomainPrefix: value };
}
