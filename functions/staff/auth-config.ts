import { ServiceUnavailableError } from '#shared/errors.ts';
import type { AuthConfig } from '#shared/schemas/staff.ts';
import type { RouteAction } from '../commons/http.ts';

/** The console page Cognito (or the local sign-in) sends the staff member back to. */
export const CONSOLE_PATH = '/console/';
/** Scopes the console asks Cognito for: an access token for the API and the user's name. */
export const CONSOLE_SCOPES = ['openid', 'email', 'profile'];

export type AuthSettings = { kind: 'cognito'; domainUrl: string; clientId: string } | { kind: 'local' } | undefined;

/**
 * Where the console signs in. In Lambda only Cognito exists (KONSULTO_AUTH_DOMAIN_URL, KONSULTO_AUTH_CLIENT_ID, set
 * by the CDK app); the local sign-in is answered only outside Lambda, when the local runtime turned it on.
 */
export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  if (env.KONSULTO_AUTH_DOMAIN_URL && env.KONSULTO_AUTH_CLIENT_ID) {
    return { kind: 'cognito', domainUrl: env.KONSULTO_AUTH_DOMAIN_URL, clientId: env.KONSULTO_AUTH_CLIENT_ID };
  }
  if (env.KONSULTO_LOCAL_AUTH === 'on' && env.AWS_LAMBDA_FUNCTION_NAME === undefined) return { kind: 'local' };
  return undefined;
}

export function authConfig(settings: AuthSettings): AuthConfig {
  if (!settings) throw new ServiceUnavailableError(60);
  if (settings.kind === 'local') {
    return { mode: 'local', signInUrl: '/local-auth/', tokenUrl: '/local-auth/token', redirectPath: CONSOLE_PATH };
  }
  const base = settings.domainUrl.replace(/\/$/, '');
  return {
    mode: 'cognito',
    clientId: settings.clientId,
    authorizeUrl: `${base}/oauth2/authorize`,
    tokenUrl: `${base}/oauth2/token`,
    logoutUrl: `${base}/logout`,
    scopes: CONSOLE_SCOPES,
    redirectPath: CONSOLE_PATH,
  };
}

export function authConfigActions(settings: AuthSettings): Record<string, RouteAction> {
  return { 'GET /api/auth/config': async () => ({ body: authConfig(settings), cacheSeconds: 60 }) };
}
