import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthesize } from './synth.ts';

/**
 * One snapshot of every synthesized template, so any change to the infrastructure shows up as a reviewable diff.
 * Asset hashes change with every edit of a function or of the site, so they are replaced by a placeholder; nothing
 * else in the templates varies between runs. After a deliberate change: `npx vitest run tests/infra/snapshot.test.ts -u`.
 */
const ASSET_HASH = /\b[0-9a-f]{64}\b/g;

function normalise(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(ASSET_HASH, '<asset-hash>'));
}

function templatesOf(synth: ReturnType<typeof synthesize>) {
  const stacks = [
    synth.stateful,
    synth.stateless,
    ...(synth.edge ? [synth.edge] : []),
    ...(synth.edgeLogs ? [synth.edgeLogs] : []),
  ];
  return Object.fromEntries(stacks.map((stack) => [stack.stackName, normalise(Template.fromStack(stack).toJSON())]));
}

function synthesizeBound(context: Record<string, unknown>) {
  const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  process.env.CDK_DEFAULT_ACCOUNT = '111122223333';
  process.env.CDK_DEFAULT_REGION = 'eu-central-1';
  try {
    return synthesize({ context });
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

describe('template snapshot', () => {
  it('normalises asset hashes and nothing else', () => {
    const hash = 'a'.repeat(64);
    expect(normalise({ S3Key: `${hash}.zip`, Other: 'b'.repeat(63), Name: 'Konsulto-dev' })).toEqual({
      S3Key: '<asset-hash>.zip',
      Other: 'b'.repeat(63),
      Name: 'Konsulto-dev',
    });
  });

  it('matches the reviewed templates of the dev stage (region-agnostic) and the prod stage (bound)', async () => {
    const dev = templatesOf(synthesize());
    const prod = templatesOf(synthesizeBound({ stage: 'prod', alarmEmail: 'ops@example.al' }));
    // Two synthesis runs give the same normalised templates: nothing volatile is left.
    expect(templatesOf(synthesize())).toEqual(dev);
    // `.snap`, not `.json`: the formatter leaves it as written.
    await expect(JSON.stringify({ dev, prod }, null, 1)).toMatchFileSnapshot('__snapshots__/templates.json.snap');
  }, 120_000);
});
