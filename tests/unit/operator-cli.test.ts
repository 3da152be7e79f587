import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES as INFRA_STAGES } from '#infra/config.ts';
import { readRuntimeFile, writeRuntimeFile } from '../../local/runtime-file.ts';
import { deployedTableName, STAGES, stageTarget } from '../../scripts/operator-support.ts';
import { parseSummaryArgs } from '../../scripts/summary.ts';

const BASE = ['--consultation', 'kvsp-2026', '--out', 'out/summary'];

describe('npm run summary: the command line', () => {
  it('defaults to every format, the public audience and both report languages, on the local database', () => {
    expect(parseSummaryArgs(BASE, {})).toEqual({
      consultation: 'kvsp-2026',
      out: 'out/summary',
      formats: ['csv', 'json', 'html'],
      audience: 'public',
      includeContacts: false,
      languages: ['sq', 'en'],
    });
  });

  it('takes repeated and comma-separated formats, staff files with contacts, one language and segments', () => {
    const command = parseSummaryArgs(
      [...BASE, '--format', 'csv', '--format', 'json,html', '--audience', 'staff', '--with-contacts', '--lang', 'en'],
      {},
    );
    expect(command).toMatchObject({
      formats: ['csv', 'json', 'html'],
      audience: 'staff',
      includeContacts: true,
      languages: ['en'],
    });
    expect(parseSummaryArgs([...BASE, '--segments', '8'], {}).segments).toBe(8);
  });

  it('reads a deployed stage with --stage, the table found by name unless KONSULTO_TABLE names it', () => {
    expect(parseSummaryArgs([...BASE, '--stage', 'prod'], {}).stage).toEqual({ stage: 'prod' });
    expect(parseSummaryArgs([...BASE, '--stage', 'dev'], { KONSULTO_TABLE: 'my-table' }).stage).toEqual({
      stage: 'dev',
      tableName: 'my-table',
    });
  });

  it.each([
    [['--out', 'x'], {}, 'Usage: npm run summary'],
    [[...BASE, '--format', 'pdf'], {}, '--format must be csv, json or html: "pdf"'],
    [[...BASE, '--audience', 'press'], {}, '--audience must be public or staff'],
    [[...BASE, '--with-contacts'], {}, '--with-contacts is only for staff files'],
    [[...BASE, '--lang', 'de'], {}, '--lang must be sq, en or both'],
    [[...BASE, '--segments', '0'], {}, '--segments must be a whole number from 1 to 64'],
    [[...BASE, '--stage', 'staging'], {}, '--stage must be one of dev, prod: "staging"'],
    [[...BASE, '--stage', 'dev'], { DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' }, 'unset DYNAMODB_ENDPOINT'],
    [[...BASE, '--bogus'], {}, "Unknown option '--bogus'"],
  ])('refuses %j', (args, env, message) => {
    expect(() => parseSummaryArgs(args as string[], env)).toThrow(message);
  });
});

describe('the deployed table of a stage', () => {
  const names = [
    'Konsulto-dev-Stateful-TableCD117FA1-1A2B3C4D5E6F',
    'Konsulto-prod-Stateful-TableCD117FA1-ZZ9Y8X7W6V5U',
    'Konsulto-dev-Stateless-SomethingElse12345678-ABC',
    'other-app-table',
  ];

  it('is the one CloudFormation name of the stateful stack of that stage', () => {
    expect(deployedTableName('dev', names)).toBe('Konsulto-dev-Stateful-TableCD117FA1-1A2B3C4D5E6F');
    expect(deployedTableName('prod', names)).toBe('Konsulto-prod-Stateful-TableCD117FA1-ZZ9Y8X7W6V5U');
  });

  it('is an error when none or several match', () => {
    expect(() => deployedTableName('dev', names.slice(1))).toThrow('No table of stage "dev"');
    expect(() => deployedTableName('dev', [...names, 'Konsulto-dev-Stateful-TableCD117FA1-OTHER1'])).toThrow(
      'Several tables of stage "dev"',
    );
  });

  it('knows the stages the CDK app deploys', () => {
    expect([...STAGES]).toEqual([...INFRA_STAGES]);
    expect(stageTarget(undefined, {})).toBeUndefined();
  });
});

describe('the runtime file of npm start', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'konsulto-runtime-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the DynamoDB Local and table of a running npm start', async () => {
    const file = path.join(dir, 'local-runtime.json');
    const info = { endpoint: 'http://127.0.0.1:41234', tableName: 'konsulto-local', pid: process.pid, startedAt: 'x' };
    await writeRuntimeFile(info, file);
    expect(await readRuntimeFile(file)).toEqual(info);
  });

  it('is ignored when its process is gone, when malformed and when missing', async () => {
    const file = path.join(dir, 'stale.json');
    await writeRuntimeFile({ endpoint: 'http://127.0.0.1:1', tableName: 't', pid: 424242, startedAt: 'x' }, file);
    expect(await readRuntimeFile(file, () => false)).toBeUndefined();
    await writeFile(path.join(dir, 'bad.json'), '{"endpoint": 3}');
    expect(await readRuntimeFile(path.join(dir, 'bad.json'))).toBeUndefined();
    expect(await readRuntimeFile(path.join(dir, 'missing.json'))).toBeUndefined();
  });
});
