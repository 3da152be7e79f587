import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CORRELATION_ID_HEADER, createHttpHandler, type HttpEvent } from '#functions/commons/http.ts';
import { logger } from '#functions/commons/logger.ts';
import {
  ORIGIN_SECRET_CACHE_MS,
  ORIGIN_SECRET_HEADER,
  type OriginSecret,
  originSecretFromEnv,
} from '#functions/commons/origin-secret.ts';
import { httpEvent } from '../support/events.ts';

const UUID = '0b5c7a3e-9d41-4f7e-8a52-3c6d1e2f4a90';
const ULID = '01JDX3Q7R8S9T0V1W2X3Y4Z5A6';
const SECRET = 'origin-secret-of-the-test-0123456789';

/** Every JSON line the logger writes while `work` runs (the logger writes through console to stdout). */
async function captureLogs(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  logger.setLogLevel('DEBUG');
  try {
    await work();
  } finally {
    logger.setLogLevel('SILENT');
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return lines
    .join('')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const withRequestId = (event: HttpEvent, requestId: string): HttpEvent => ({
  ...event,
  requestContext: { ...event.requestContext, requestId },
});

/** A route that logs twice, once after a pause, so concurrent requests interleave their lines. */
const chattyHandler = (originSecret?: OriginSecret) =>
  createHttpHandler(
    {
      'GET /api/chatty': async (event) => {
        logger.info('step one', { route: event.routeKey });
        await new Promise((resolve) => setTimeout(resolve, Number(event.queryStringParameters?.wait ?? 0)));
        logger.info('step two');
        return { body: { ok: true } };
      },
      'GET /api/broken': async () => {
        throw new Error('boom');
      },
    },
    { originSecret },
  );

describe('correlation ids', () => {
  it('puts API Gateway request id on every log line of the request and echoes it in x-correlation-id', async () => {
    const handler = chattyHandler();
    let status = 0;
    let echoed: unknown;
    const lines = await captureLogs(async () => {
      const result = await handler(withRequestId(httpEvent('GET /api/chatty'), 'Ab1CdEfGhIjKlMn='));
      status = result.statusCode ?? 0;
      echoed = result.headers?.[CORRELATION_ID_HEADER];
    });
    expect(status).toBe(200);
    expect(echoed).toBe('Ab1CdEfGhIjKlMn=');
    expect(lines.map((l) => l.message)).toEqual(['step one', 'step two', 'request']);
    for (const line of lines) expect(line.correlation_id).toBe('Ab1CdEfGhIjKlMn=');
  });

  it('keeps a well-formed incoming x-correlation-id (UUID or ULID), also on errors', async () => {
    const handler = chattyHandler();
    for (const incoming of [UUID, ULID]) {
      let result: Awaited<ReturnType<typeof handler>> | undefined;
      const lines = await captureLogs(async () => {
        result = await handler(httpEvent('GET /api/broken', { headers: { [CORRELATION_ID_HEADER]: incoming } }));
      });
      expect(result?.statusCode).toBe(500);
      expect(result?.headers?.[CORRELATION_ID_HEADER]).toBe(incoming);
      expect(lines.map((l) => [l.message, l.correlation_id])).toEqual([
        ['request failed', incoming],
        ['request', incoming],
      ]);
    }
  });

  it('ignores a malformed or personal incoming id and uses the request id instead; nothing of it is logged', async () => {
    const handler = chattyHandler();
    const personal = ['arta.canary@example.org', '+355 69 123 4567', 'Arta Hoxha', `${UUID}x`, 'Z'.repeat(26)];
    for (const incoming of personal) {
      let echoed: unknown;
      const lines = await captureLogs(async () => {
        const result = await handler(httpEvent('GET /api/chatty', { headers: { [CORRELATION_ID_HEADER]: incoming } }));
        echoed = result.headers?.[CORRELATION_ID_HEADER];
      });
      expect(echoed).toBe('test-request');
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(line.correlation_id).toBe('test-request');
      expect(JSON.stringify(lines)).not.toContain(incoming);
    }
  });

  it('keeps the ids of concurrent requests apart (the local runtime runs them in one process)', async () => {
    const handler = chattyHandler();
    const ids = ['req-a', 'req-b', 'req-c', 'req-d'];
    const lines = await captureLogs(() =>
      Promise.all(
        ids.map((id, i) =>
          handler(withRequestId(httpEvent('GET /api/chatty', { query: { wait: String(40 - i * 10) } }), id)),
        ),
      ),
    );
    expect(lines).toHaveLength(ids.length * 3);
    // The pauses reverse the order of the second steps: the lines interleave, each keeps its own request's id.
    const steps = lines.filter((l) => l.message === 'step two').map((l) => l.correlation_id);
    expect(steps).toEqual([...ids].reverse());
    for (const line of lines) expect(ids).toContain(line.correlation_id);
    for (const id of ids) expect(lines.filter((l) => l.correlation_id === id)).toHaveLength(3);
  });

  it('writes no correlation id outside a request', async () => {
    const lines = await captureLogs(async () => logger.info('outside'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('correlation_id');
  });
});

describe('origin secret (requests must come through CloudFront)', () => {
  const secret: OriginSecret = async () => [SECRET];

  it('refuses a request without the header, or with a wrong one, with a bilingual 403 problem before any route runs', async () => {
    const action = vi.fn(async () => ({ body: { ok: true } }));
    const handler = createHttpHandler({ 'POST /api/anything': action }, { originSecret: secret });
    const attempts: Record<string, string>[] = [
      {},
      { [ORIGIN_SECRET_HEADER]: 'wrong' },
      { [ORIGIN_SECRET_HEADER]: `${SECRET} ` },
    ];
    for (const headers of attempts) {
      const result = await handler(httpEvent('POST /api/anything', { headers }));
      expect(result.statusCode).toBe(403);
      expect(result.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
      const problem = JSON.parse(result.body ?? '');
      expect(problem).toMatchObject({ status: 403, code: 'forbidden' });
      expect(problem.messages.sq).toBe('Nuk keni leje për këtë veprim.');
      expect(problem.messages.en).toBe('You are not allowed to do this.');
      expect(result.headers?.[CORRELATION_ID_HEADER]).toBe('test-request');
    }
    // An unknown route is refused the same way: nothing about the API is revealed around CloudFront.
    expect((await handler(httpEvent('GET /api/unknown'))).statusCode).toBe(403);
    expect(action).not.toHaveBeenCalled();
  });

  it('serves a request with the header', async () => {
    const handler = createHttpHandler(
      { 'GET /api/ok': async () => ({ body: { ok: true } }) },
      { originSecret: secret },
    );
    const result = await handler(httpEvent('GET /api/ok', { headers: { [ORIGIN_SECRET_HEADER]: SECRET } }));
    expect(result.statusCode).toBe(200);
  });

  it('is off without configuration outside Lambda (npm start, tests), so requests without the header are served', async () => {
    expect(originSecretFromEnv({})).toBeUndefined();
    const handler = createHttpHandler(
      { 'GET /api/ok': async () => ({ body: { ok: true } }) },
      { originSecret: undefined },
    );
    expect((await handler(httpEvent('GET /api/ok'))).statusCode).toBe(200);
  });

  it('takes the value from KONSULTO_ORIGIN_SECRET, by default from the process environment', async () => {
    expect(await originSecretFromEnv({ KONSULTO_ORIGIN_SECRET: SECRET })?.()).toEqual([SECRET]);
    vi.stubEnv('KONSULTO_ORIGIN_SECRET', SECRET);
    try {
      const handler = createHttpHandler({ 'GET /api/ok': async () => ({ body: { ok: true } }) });
      expect((await handler(httpEvent('GET /api/ok'))).statusCode).toBe(403);
      const through = await handler(httpEvent('GET /api/ok', { headers: { [ORIGIN_SECRET_HEADER]: SECRET } }));
      expect(through.statusCode).toBe(200);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses every request in Lambda when no secret is configured (fails closed)', async () => {
    const fromEnv = originSecretFromEnv({ AWS_LAMBDA_FUNCTION_NAME: 'konsulto-health' });
    expect(fromEnv).toBeDefined();
    const handler = createHttpHandler(
      { 'GET /api/ok': async () => ({ body: { ok: true } }) },
      { originSecret: fromEnv },
    );
    const result = await handler(httpEvent('GET /api/ok', { headers: { [ORIGIN_SECRET_HEADER]: 'anything' } }));
    expect(result.statusCode).toBe(500);
  });

  describe('from Secrets Manager (KONSULTO_ORIGIN_SECRET_ARN)', () => {
    const secretsManager = mockClient(SecretsManagerClient);
    const ARN = 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:OriginSecret-abc';
    beforeEach(() => {
      secretsManager.reset();
      vi.useFakeTimers({ toFake: ['Date'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    /** Answers GetSecretValue from `versions` (by stage; `current` is AWSCURRENT), as Secrets Manager would. */
    const serve = (versions: () => { current: string; previous?: string }) =>
      secretsManager.on(GetSecretValueCommand).callsFake(async (input: { SecretId: string; VersionStage?: string }) => {
        expect(input.SecretId).toBe(ARN);
        const { current, previous } = versions();
        if (input.VersionStage === 'AWSPREVIOUS') {
          if (previous === undefined) {
            throw new ResourceNotFoundException({ message: 'no AWSPREVIOUS version', $metadata: {} });
          }
          return { SecretString: previous };
        }
        return { SecretString: current };
      });

    it('reads the value on first use, not when created, caches it, and reads it again after the cache period', async () => {
      let versions: { current: string; previous?: string } = { current: 'first' };
      serve(() => versions);
      const fromEnv = originSecretFromEnv({ KONSULTO_ORIGIN_SECRET_ARN: ARN, AWS_LAMBDA_FUNCTION_NAME: 'f' });
      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
      expect(await fromEnv?.()).toEqual(['first']);
      versions = { current: 'second', previous: 'first' };
      expect(await fromEnv?.()).toEqual(['first']);
      // Current and previous, once per cache period.
      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
      vi.setSystemTime(Date.now() + ORIGIN_SECRET_CACHE_MS + 1);
      expect(await fromEnv?.()).toEqual(['second', 'first']);
      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(4);
    });

    it('accepts the current and the previous value while CloudFront switches over, and nothing else', async () => {
      serve(() => ({ current: 'new-value', previous: 'old-value' }));
      const handler = createHttpHandler(
        { 'GET /api/ok': async () => ({ body: { ok: true } }) },
        { originSecret: originSecretFromEnv({ KONSULTO_ORIGIN_SECRET_ARN: ARN }) },
      );
      const status = async (value: string) =>
        (await handler(httpEvent('GET /api/ok', { headers: { [ORIGIN_SECRET_HEADER]: value } }))).statusCode;
      expect(await status('new-value')).toBe(200);
      expect(await status('old-value')).toBe(200);
      expect(await status('older-value')).toBe(403);
    });

    it('answers 500 (not 403, not 200) when the secret cannot be read, and reads again on the next request', async () => {
      secretsManager
        .on(GetSecretValueCommand)
        .rejectsOnce(new Error('AccessDenied'))
        .resolves({ SecretString: SECRET });
      const handler = createHttpHandler(
        { 'GET /api/ok': async () => ({ body: { ok: true } }) },
        { originSecret: originSecretFromEnv({ KONSULTO_ORIGIN_SECRET_ARN: ARN }) },
      );
      const event = httpEvent('GET /api/ok', { headers: { [ORIGIN_SECRET_HEADER]: SECRET } });
      expect((await handler(event)).statusCode).toBe(500);
      expect((await handler(event)).statusCode).toBe(200);
    });
  });
});
