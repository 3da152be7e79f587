import { Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#functions/routes.ts';
import { synthesize } from './synth.ts';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON.
type Json = Record<string, any>;

let synth: ReturnType<typeof synthesize>;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  synth = synthesize();
  stateful = Template.fromStack(synth.stateful);
  stateless = Template.fromStack(synth.stateless);
}, 60_000);

const only = (template: Template, type: string): [string, Json] => {
  const found = Object.entries(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0] as [string, Json];
};

describe('staff identity (stateful stack)', () => {
  it('is a retained, deletion-protected user pool for staff only: no self sign-up, MFA required, strong passwords', () => {
    const [, pool] = only(stateful, 'AWS::Cognito::UserPool');
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'ACTIVE',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          PasswordHistorySize: 5,
        },
      },
    });
    stateless.resourceCountIs('AWS::Cognito::UserPool', 0);
  });

  it('has the three staff groups and a hosted login domain', () => {
    const groups = Object.values(stateful.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'drafter', 'moderator']);
    stateful.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });
});

describe('staff console client and authorizer (stateless stack)', () => {
  it('is a public client for the authorization-code flow (PKCE) back to the console, with short-lived tokens', () => {
    const [, client] = only(stateless, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
    });
    const distributionId = Object.keys(stateless.findResources('AWS::CloudFront::Distribution'))[0];
    expect(client.Properties.CallbackURLs).toEqual([
      { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/console/']] },
    ]);
  });

  it('puts the JWT authorizer (issuer = the pool, audience = the console client) on every staff route and no other', () => {
    const [authorizerId, authorizer] = only(stateless, 'AWS::ApiGatewayV2::Authorizer');
    const [clientId] = only(stateless, 'AWS::Cognito::UserPoolClient');
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: clientId }] },
    });
    const issuer = JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer);
    expect(issuer).toContain('https://cognito-idp.');
    expect(issuer).toContain('StaffUserPool');
    const routes = Object.values(stateless.findResources('AWS::ApiGatewayV2::Route'));
    const staffKeys = ROUTES.filter((r) => r.path.startsWith('/api/admin/')).map((r) => `${r.method} ${r.path}`);
    expect(staffKeys.length).toBeGreaterThan(0);
    for (const route of routes) {
      const key: string = route.Properties.RouteKey;
      if (staffKeys.includes(key)) {
        expect(route.Properties, key).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      } else {
        expect(route.Properties.AuthorizerId, key).toBeUndefined();
      }
    }
    for (const key of staffKeys) expect(routes.map((r) => r.Properties.RouteKey)).toContain(key);
  });

  it('deploys no local sign-in: no route under /local-auth and no local-only route', () => {
    const keys = Object.values(stateless.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey as string,
    );
    expect(keys.filter((k) => k.includes('/local-auth'))).toEqual([]);
    for (const route of ROUTES.filter((r) => r.localOnly)) expect(keys).not.toContain(`${route.method} ${route.path}`);
    expect(JSON.stringify(stateless.toJSON())).not.toContain('KONSULTO_LOCAL_AUTH');
  });

  it('gives the staff function table changes without DeleteItem or Scan, the cookie secret, download links, and the sign-in settings', () => {
    const role = synth.stateless.functions.staff.role;
    const roleId = synth.stateless.getLogicalId(role.node.defaultChild as CfnRole);
    const statements: Json[] = stateless.toJSON().Resources[roleId].Properties.Policies[0].PolicyDocument.Statement;
    expect(statements.map((s) => s.Sid)).toEqual([
      'WriteOwnLogs',
      'Table',
      'TableIndexes',
      'CookieSecret',
      'OriginSecret',
      'UploadsDownload',
      'ExportsDownload',
      'InvokeSummaryJob',
    ]);
    // Only reading checked files, to sign download links (tests/infra/uploads.test.ts checks the resource; the
    // summary exports and the job invocation are checked in summary-job.test.ts).
    expect(statements[5]?.Action).toBe('s3:GetObject');
    expect(statements[1]?.Action).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const actions = statements.flatMap((s) => [s.Action].flat());
    for (const forbidden of [
      'dynamodb:DeleteItem',
      'dynamodb:Scan',
      'dynamodb:BatchWriteItem',
      's3:PutObject',
      's3:DeleteObject',
      's3:ListBucket',
    ]) {
      expect(actions).not.toContain(forbidden);
    }
    const fnId = synth.stateless.getLogicalId(synth.stateless.functions.staff.function.node.defaultChild as never);
    const variables = stateless.toJSON().Resources[fnId].Properties.Environment.Variables;
    expect(JSON.stringify(variables.KONSULTO_AUTH_DOMAIN_URL)).toContain('amazoncognito.com');
    expect(variables.KONSULTO_AUTH_CLIENT_ID).toEqual({ Ref: only(stateless, 'AWS::Cognito::UserPoolClient')[0] });
  });
});
