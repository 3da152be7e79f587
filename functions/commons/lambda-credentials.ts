import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an esbuild alias in
 * scripts/bundle-settings.ts). The Lambda runtime puts the function role's credentials in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the default chain's other providers (SSO, STS web
 * identity, INI files, processes, container and instance metadata) are dead code there: about 90 KB per bundle.
 * Only bundles use this; the local runtime and tests import the SDK's own default chain.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> => fromEnv(init);
