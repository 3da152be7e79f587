import { Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  FeaturePlan,
  type IUserPool,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { STAFF_GROUPS } from '#shared/staff.ts';
import { CONSOLE_PATH } from '../../functions/staff/auth-config.ts';

const GROUP_DESCRIPTIONS: Record<(typeof STAFF_GROUPS)[number], string> = {
  moderator: 'Konsulto moderators: the moderation queue (approve, hide, restore)',
  drafter: 'Konsulto drafters: reasoned responses, meeting records, the response report',
  admin: 'Konsulto admins: everything moderators and drafters do, and the audit log',
};

export type StaffUserPoolProps = {
  /** Cognito hosted-login domain prefix (globally unique in the region). */
  domainPrefix: string;
};

/**
 * The staff directory (stateful: retained and protected from deletion, since staff accounts and their MFA devices
 * cannot be recreated from code): a Cognito user pool for staff only. No self sign-up (admins invite), MFA required
 * (authenticator app), a long password with every character class, threat protection (Plus plan, full function:
 * compromised credentials and risky sign-ins blocked), the three staff groups and the hosted login domain.
 */
export class StaffUserPool extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffUserPoolProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${Stack.of(this).stackName}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'Konsulto: llogaria e stafit / staff account',
        emailBody:
          'Përdoruesi juaj në Konsulto është {username}, fjalëkalimi i përkohshëm {####}. / Your Konsulto username is {username}, temporary password {####}.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of STAFF_GROUPS) {
      this.userPool.addGroup(`Group-${group}`, { groupName: group, description: GROUP_DESCRIPTIONS[group] });
    }
    this.domain = this.userPool.addDomain('HostedLogin', { cognitoDomain: { domainPrefix: props.domainPrefix } });
  }
}

export type ConsoleClientProps = {
  userPool: IUserPool;
  /** The site origin (https://…), known only once the distribution exists: read lazily at synthesis. */
  siteOrigin: () => string;
};

/**
 * The staff console's app client (stateless stack, beside the site it redirects to): a public client (no secret)
 * for the authorization-code flow with PKCE, Cognito's own login only, one-hour access tokens, refresh tokens that
 * can be revoked, and the HTTP API's JWT authorizer bound to it (issuer = the pool, audience = this client).
 */
export class ConsoleClient extends Construct {
  readonly client: UserPoolClient;
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: ConsoleClientProps) {
    super(scope, id);
    const consoleUrl = Lazy.string({ produce: () => `${props.siteOrigin()}${CONSOLE_PATH}` });
    // Created in this stack (not with userPool.addClient, which would put it beside the pool in the stateful stack
    // and make that stack depend on the distribution).
    this.client = new UserPoolClient(this, 'ConsoleClient', {
      userPool: props.userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [consoleUrl],
        logoutUrls: [consoleUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
    });
    this.authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', props.userPool, {
      userPoolClients: [this.client],
      identitySource: ['$request.header.Authorization'],
    });
  }
}
