import type { BuildOptions } from 'esbuild';

/**
 * esbuild settings for the Lambda bundles, shared by `npm run build:functions`, the benchmarks and the CDK
 * function construct (infra/constructs/api-function.ts), so what is measured is what is deployed.
 */
export const LAMBDA_TARGET = 'node24';

/** ESM output needs `require` for the few CommonJS dependencies of the AWS SDK. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __konsultoCreateRequire } from 'node:module'; const require = __konsultoCreateRequire(import.meta.url);";

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
};
