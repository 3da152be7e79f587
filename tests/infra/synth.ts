/** Builds the CDK app the way `cdk synth` does (same cdk.json context), for the tests in this folder. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '#infra/build-app.ts';

export const FIXTURE_SITE = path.join(import.meta.dirname, 'fixtures/site');

const CDK_JSON = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};

export type SynthOptions = {
  /** Extra CDK context, e.g. `{ stage: 'prod' }`. */
  context?: Record<string, unknown>;
  /** Run esbuild for the functions (slow); otherwise assets are staged without bundling. */
  bundle?: boolean;
  siteAssetPath?: string;
};

export function synthesize({ context = {}, bundle = false, siteAssetPath = FIXTURE_SITE }: SynthOptions = {}) {
  const app = new App({
    context: {
      ...CDK_JSON.context,
      ...context,
      // An empty list of bundling stacks skips esbuild and stages a placeholder asset instead.
      ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const built = buildApp(app, { siteAssetPath });
  const assembly = app.synth();
  return { app, assembly, ...built };
}
