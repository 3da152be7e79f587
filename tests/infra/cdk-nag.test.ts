import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from './synth.ts';

type Violation = { ruleName: string; severity: string; paths: string[] };
type Suppression = { id: string; reason: string };

/** Runs the AwsSolutions pack over the whole app, as the registered validation plugin does during synthesis. */
function nagViolations(scope: IConstruct): Violation[] {
  return new AwsSolutionsChecks().validateScope(scope).violations.map((v) => ({
    ruleName: v.ruleName,
    severity: v.severity ?? 'error',
    paths: v.violatingResources.map((r) => r.constructPath ?? '?'),
  }));
}

/** Every `cdk_nag.rules_to_suppress` entry written into the templates, with the logical id it is on. */
function suppressions(templates: Template[]): (Suppression & { resource: string })[] {
  return templates.flatMap((template) =>
    Object.entries(template.toJSON().Resources as Record<string, { Metadata?: Record<string, unknown> }>).flatMap(
      ([resource, { Metadata }]) =>
        ((Metadata?.cdk_nag as { rules_to_suppress?: Suppression[] } | undefined)?.rules_to_suppress ?? []).map(
          (s) => ({ ...s, resource }),
        ),
    ),
  );
}

/** Rule ids with the AwsSolutions- prefix dropped and logical ids in IAM5 findings kept, sorted and unique. */
const ruleIds = (list: { id: string }[]) => [...new Set(list.map((s) => s.id.replace(/^AwsSolutions-/, '')))].sort();

const IAM5_DEPLOYMENT = [
  'IAM5[Action::s3:Abort*]',
  'IAM5[Action::s3:DeleteObject*]',
  'IAM5[Action::s3:GetBucket*]',
  'IAM5[Action::s3:GetObject*]',
  'IAM5[Action::s3:List*]',
  'IAM5[Resource::*]',
  'IAM5[Resource::<SiteSiteBucket7CA177D5.Arn>/*]',
  'IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
];

/**
 * The proposals function writes its two key prefixes of the uploads bucket, and the staff function reads
 * attachments/* to sign download links (infra/constructs/api-function.ts, UPLOADS_ACTIONS): the attachments/* finding
 * is acknowledged on both roles, each with its own reason (checked below).
 */
const IAM5_UPLOADS = ['quarantine/*', 'attachments/*'].map(
  (prefix) => `IAM5[Resource::arn:<AWS::Partition>:s3:::konsulto-dev-uploads-<AWS::AccountId>-<AWS::Region>/${prefix}]`,
);

/** The summary job writes exports/*, the staff function reads it to sign download links (one finding, two roles). */
const IAM5_EXPORTS = [
  'IAM5[Resource::arn:<AWS::Partition>:s3:::konsulto-dev-exports-<AWS::AccountId>-<AWS::Region>/exports/*]',
];
const IAM5_EXPORTS_BOUND = ['IAM5[Resource::arn:aws:s3:::konsulto-prod-exports-111122223333-eu-central-1/exports/*]'];

/** The same findings in a synthesis bound to account 111122223333 and eu-central-1 (prod stage, below). */
const IAM5_DEPLOYMENT_BOUND = IAM5_DEPLOYMENT.map((id) =>
  id.replace('<AWS::AccountId>-<AWS::Region>', '111122223333-eu-central-1').replace('<AWS::Partition>', 'aws'),
);
const IAM5_UPLOADS_BOUND = ['quarantine/*', 'attachments/*'].map(
  (prefix) => `IAM5[Resource::arn:aws:s3:::konsulto-prod-uploads-111122223333-eu-central-1/${prefix}]`,
);

describe('cdk-nag AwsSolutions, dev stage (no custom domain)', () => {
  let dev: ReturnType<typeof synthesize>;
  let templates: Template[];

  beforeAll(() => {
    dev = synthesize();
    templates = [Template.fromStack(dev.stateful), Template.fromStack(dev.stateless)];
  }, 60_000);

  it('has no unacknowledged error', () => {
    expect(nagViolations(dev.app).filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('has no unacknowledged warning', () => {
    expect(nagViolations(dev.app).filter((v) => v.severity === 'warning')).toEqual([]);
  });

  // Region-agnostic (a bare App without CDK_DEFAULT_REGION): no edge stack, so CFR2 is acknowledged (operations.test.ts).
  it('acknowledges exactly the reviewed list of findings; on the stateful stack the secret rotation and bucket logs', () => {
    expect(ruleIds(suppressions(templates.slice(0, 1)))).toEqual(['S1', 'SMG4']);
    const buckets = Object.keys(templates[0]?.findResources('AWS::S3::Bucket') ?? {});
    expect(
      suppressions(templates.slice(0, 1))
        .filter((s) => s.id === 'AwsSolutions-S1')
        .every(
          (s) =>
            buckets.includes(s.resource) ||
            s.resource.startsWith('UploadsBucketPolicy') ||
            s.resource.startsWith('ExportsBucketPolicy'),
        ),
    ).toBe(true);
    expect(ruleIds(suppressions(templates))).toEqual(
      [
        'APIG4',
        'CFR1',
        'CFR2',
        'CFR3',
        'CFR4',
        'L1',
        'S1',
        'SMG4',
        'SQS3',
        ...IAM5_DEPLOYMENT,
        ...IAM5_UPLOADS,
        ...IAM5_EXPORTS,
      ].sort(),
    );
  });

  it('acknowledges secret rotation (SMG4) in the stateless stack on the origin secret only, with its reason', () => {
    const originSecret = dev.stateless.getLogicalId(dev.stateless.originSecret.node.defaultChild as never);
    const smg4 = suppressions(templates.slice(1)).filter((s) => s.id === 'AwsSolutions-SMG4');
    expect(smg4.map((s) => s.resource)).toEqual([originSecret]);
    expect(smg4[0]?.reason).toMatch(/CloudFront reads the value only when the distribution is deployed/);
  });

  it('gives every acknowledgement a written reason of at least 20 characters', () => {
    const all = suppressions(templates);
    expect(all.length).toBeGreaterThan(0);
    for (const { id, reason, resource } of all) {
      expect.soft(reason.trim().length, `${resource} ${id}`).toBeGreaterThanOrEqual(20);
    }
  });

  it('acknowledges the uploads prefixes on exactly the roles granted them: proposals both, staff attachments/* only', () => {
    const roleOf = (name: 'proposals' | 'staff') =>
      dev.stateless.getLogicalId(dev.stateless.functions[name].role.node.defaultChild as never);
    const uploads = suppressions(templates.slice(1)).filter((s) =>
      IAM5_UPLOADS.includes(s.id.replace(/^AwsSolutions-/, '')),
    );
    const byRole = (name: 'proposals' | 'staff') =>
      uploads
        .filter((s) => s.resource === roleOf(name))
        .map((s) => s.id.replace(/^AwsSolutions-/, ''))
        .sort();
    expect(byRole('proposals')).toEqual([...IAM5_UPLOADS].sort());
    expect(byRole('staff')).toEqual([IAM5_UPLOADS[1]]);
    expect(uploads.find((s) => s.resource === roleOf('staff'))?.reason).toMatch(/download links.*GetObject/);
    expect(uploads.every((s) => s.resource === roleOf('proposals') || s.resource === roleOf('staff'))).toBe(true);
  });

  it('acknowledges APIG4 on each public route only (metadata also lands on each route integration and permission)', () => {
    const stateless = templates[1] as Template;
    const apig4 = suppressions([stateless]).filter((s) => s.id === 'AwsSolutions-APIG4');
    const allRoutes = stateless.findResources('AWS::ApiGatewayV2::Route');
    expect(Object.keys(allRoutes)).toHaveLength(dev.stateless.httpApi.routes.length);
    // Staff routes carry the Cognito JWT authorizer: nothing to acknowledge on them, their integration or permission.
    const isPublic = (id: string) => (allRoutes[id]?.Properties.AuthorizationType ?? 'NONE') === 'NONE';
    const routes = Object.keys(allRoutes).filter(isPublic);
    const staffRoutes = Object.keys(allRoutes).filter((id) => !isPublic(id));
    expect(staffRoutes.length).toBeGreaterThan(0);
    const publicTargets = new Set(routes.map((id) => JSON.stringify(allRoutes[id]?.Properties.Target)));
    const integrations = Object.keys(stateless.findResources('AWS::ApiGatewayV2::Integration')).filter((id) =>
      [...publicTargets].some((target) => target.includes(`"${id}"`)),
    );
    const permissions = Object.entries(stateless.findResources('AWS::Lambda::Permission'))
      .filter(([, p]) => !JSON.stringify(p.Properties.SourceArn).includes('/api/admin/'))
      .map(([id]) => id);
    expect(apig4.map((s) => s.resource).sort()).toEqual([...routes, ...permissions, ...integrations].sort());
    for (const id of staffRoutes) expect(apig4.map((s) => s.resource)).not.toContain(id);
  });
});

describe('cdk-nag AwsSolutions, prod stage with a custom domain', () => {
  let prod: ReturnType<typeof synthesize>;
  let stateless: Template;

  beforeAll(() => {
    // Bound to an account and region, as `cdk deploy` does: ARNs then carry literals instead of pseudo parameters,
    // so every acknowledged finding id must be derived rather than written out.
    const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
    process.env.CDK_DEFAULT_ACCOUNT = '111122223333';
    process.env.CDK_DEFAULT_REGION = 'eu-central-1';
    try {
      prod = synthesize({
        context: {
          stage: 'prod',
          domainName: 'konsulto.example.al',
          certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
        },
      });
    } finally {
      for (const [key, value] of [
        ['CDK_DEFAULT_ACCOUNT', saved.account],
        ['CDK_DEFAULT_REGION', saved.region],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    stateless = Template.fromStack(prod.stateless);
  }, 60_000);

  it('is bound to the account and region of the environment', () => {
    expect(prod.stateless.account).toBe('111122223333');
    expect(prod.stateless.region).toBe('eu-central-1');
  });

  it('has no unacknowledged finding and no longer needs the CFR4 and CFR2 acknowledgements', () => {
    expect(nagViolations(prod.app)).toEqual([]);
    // With a domain, TLSv1.2_2021 is set; with a concrete region, the us-east-1 web ACL is attached.
    expect(ruleIds(suppressions([stateless]))).not.toContain('CFR4');
    expect(ruleIds(suppressions([stateless]))).not.toContain('CFR2');
    expect(ruleIds(suppressions([stateless]))).toEqual(
      [
        'APIG4',
        'CFR1',
        'CFR3',
        'L1',
        'S1',
        'SMG4',
        'SQS3',
        ...IAM5_DEPLOYMENT_BOUND,
        ...IAM5_UPLOADS_BOUND,
        ...IAM5_EXPORTS_BOUND,
      ].sort(),
    );
    // The edge stack (the web ACL alone) needs no acknowledgement; the operations resources (KMS key, SNS topic,
    // alarms, dashboard) none either.
    expect(prod.edge?.region).toBe('us-east-1');
    expect(suppressions([Template.fromStack(prod.edge as never)])).toEqual([]);
  });

  it('serves the custom domain with SNI and TLS 1.2 (2021 policy) as the minimum', () => {
    stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['konsulto.example.al'],
        ViewerCertificate: {
          AcmCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      },
    });
  });

  it('uses the prod throttling and log retention, and protects the stateful stack from deletion', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 2000, ThrottlingBurstLimit: 4000 },
    });
    for (const [, group] of Object.entries(stateless.findResources('AWS::Logs::LogGroup'))) {
      if (group.Properties.RetentionInDays !== 30) expect(group.Properties.RetentionInDays).toBe(180);
    }
    expect(prod.stateful.terminationProtection).toBe(true);
    // The stateless stack holds nothing that cannot be recreated from code.
    expect(prod.stateless.terminationProtection).toBe(false);
    expect(prod.stateful.stackName).toBe('Konsulto-prod-Stateful');
  });
});

describe('app configuration', () => {
  it('refuses an unknown stage and a domain without its certificate', () => {
    expect(() => synthesize({ context: { stage: 'qa' } })).toThrow(
      'context "stage" must be one of dev, prod; got "qa"',
    );
    expect(() => synthesize({ context: { domainName: 'konsulto.example.al' } })).toThrow(
      'context "domainName" and "certificateArn" must be set together',
    );
  });
});

describe('cdk-nag is enforced during synthesis', () => {
  it('fails synthesis when a finding is not acknowledged', () => {
    const { app, stateless } = synthesize();
    new Bucket(stateless, 'CarelessBucket');
    expect(nagViolations(app).map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
    );
    expect(() => app.synth({ force: true })).toThrow(/AwsSolutions-S1/);
  });

  it('ignores an acknowledgement whose id does not match the finding', () => {
    const { app, stateless } = synthesize();
    const bucket = new Bucket(stateless, 'CarelessBucket', { enforceSSL: true });
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S2', reason: 'Wrong rule on purpose, for this test.' });
    expect(nagViolations(app).map((v) => v.ruleName)).toContain('AwsSolutions-S1');
  });

  it('builds no deployment when the site has not been built', () => {
    const { stateless } = synthesize({ siteAssetPath: '/nonexistent/site/dist' });
    Template.fromStack(stateless).resourceCountIs('Custom::CDKBucketDeployment', 0);
  });
});
