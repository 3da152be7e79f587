import path from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * esbuild settings for the Lambda bundles, shared by `npm run build:functions`, the benchmarks and the CDK
 * function construct (infra/constructs/api-function.ts), so what is measured is what is deployed.
 */
export const LAMBDA_TARGET = 'node24';

/** ESM output needs `require` for the few CommonJS dependencies of the AWS SDK. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __konsultoCreateRequire } from 'node:module'; const require = __konsultoCreateRequire(import.meta.url);";

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Modules replaced in the bundles (absolute paths, so they resolve the same from esbuild's API and from CDK's
 * esbuild command line). The SDK clients' default credential chain becomes the environment provider alone: in Lambda
 * the role's credentials are in the environment (functions/commons/lambda-credentials.ts).
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': path.join(ROOT, 'functions/commons/lambda-credentials.ts'),
};

/** The same aliases as esbuild command-line values (`--alias:<from>=<to>`), for CDK's NodejsFunction. */
export const BUNDLE_ALIAS_ARGS: readonly string[] = Object.entries(BUNDLE_ALIASES).map(([from, to]) => `${from}=${to}`);

export const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: LAMBDA_TARGET,
  format: 'esm',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  legalComments: 'none',
  alias: BUNDLE_ALIASES,
};
