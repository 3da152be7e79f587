import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { HttpEvent, HttpHandler, HttpResult } from '#functions/commons/http.ts';
import { ORIGIN_SECRET_HEADER } from '#functions/commons/origin-secret.ts';
import { ROUTES, type Route, type RouteFunction } from '#functions/routes.ts';
import { isDemoUser, type LocalAuth, signInPage } from './auth.ts';

/** API Gateway HTTP APIs accept payloads up to 10 MB; the adapter refuses larger ones the same way. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/**
 * Local-only routes stand in for S3 (the attachment upload): they read a little more than the 10 MB file limit, so
 * the handler itself refuses a file of 10 MB + 1 byte with its own message, as the presigned POST's policy would.
 */
const LOCAL_ONLY_MAX_BODY_BYTES = MAX_BODY_BYTES + 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

type CompiledRoute = { route: Route; pattern: RegExp; names: string[] };

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const segments = route.path.split('/').map((segment) => {
    const param = /^\{(\w+)\}$/.exec(segment);
    if (!param) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    names.push(param[1] as string);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${segments.join('/')}$`), names };
}

export type LocalServerOptions = {
  /** The Lambda handler of each function, the very modules CDK deploys (a route without one answers 404). */
  handlers: Partial<Record<RouteFunction, HttpHandler>>;
  /**
   * The local staff sign-in (local/auth.ts): serves /local-auth/ and verifies Bearer tokens on staff routes as API
   * Gateway's JWT authorizer does. Without it every staff route answers 401, as in AWS without a token.
   */
  staffAuth?: LocalAuth;
  /** The built site (site/dist). */
  siteDir: string;
  /**
   * CloudFront's origin secret (functions/commons/origin-secret.ts): added to every API request, replacing any the
   * client sent, as CloudFront's origin custom header does. Defaults to KONSULTO_ORIGIN_SECRET; unset, the handlers
   * do not check it either.
   */
  originSecret?: string | undefined;
};

/**
 * One origin for site and API, as CloudFront gives in AWS: `/api/*` becomes an API Gateway HTTP API v2 event for the
 * matching route's handler; everything else is served from the built site.
 */
export function createLocalServer({
  handlers,
  siteDir,
  staffAuth,
  originSecret = process.env.KONSULTO_ORIGIN_SECRET,
}: LocalServerOptions): Server {
  const routes = ROUTES.map(compile);
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const serve =
      url.pathname === '/api' || url.pathname.startsWith('/api/')
        ? serveApi
        : url.pathname === '/local-auth' || url.pathname.startsWith('/local-auth/')
          ? serveLocalAuth
          : serveStatic;
    serve(request, response, url).catch((error: unknown) => {
      console.error('local adapter error:', error instanceof Error ? error.message : error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Internal error in the local adapter');
    });
  });

  async function serveApi(request: IncomingMessage, response: ServerResponse, url: URL) {
    const method = request.method ?? 'GET';
    const match = findRoute(routes, method, url.pathname);
    if (!match) {
      writeResult(response, notFound());
      return;
    }
    const body = await readBody(request, match.route.localOnly ? LOCAL_ONLY_MAX_BODY_BYTES : MAX_BODY_BYTES);
    if (body === undefined) {
      writeResult(response, tooLarge());
      return;
    }
    const event = toEvent(request, url, match.route, match.params, body);
    if (originSecret) event.headers[ORIGIN_SECRET_HEADER] = originSecret;
    if (match.route.groups?.length) {
      // The JWT authorizer's part: no valid token, no call to the function.
      const claims = await staffAuth?.verify(request.headers.authorization).catch(() => undefined);
      if (!claims) {
        writeResult(response, unauthorized());
        return;
      }
      (event.requestContext as { authorizer?: unknown }).authorizer = { jwt: { claims, scopes: null } };
    }
    const handler = handlers[match.route.function];
    writeResult(response, handler ? await handler(event) : notFound());
  }

  /** GET /local-auth/: the sign-in page; POST /local-auth/token { user }: a token for a demo staff user. */
  async function serveLocalAuth(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (!staffAuth) {
      writeResult(response, notFound());
      return;
    }
    if (url.pathname === '/local-auth/token' && request.method === 'POST') {
      const body = await readBody(request, 4096);
      let user: unknown;
      try {
        user = (JSON.parse(body?.toString('utf8') ?? '') as { user?: unknown }).user;
      } catch {
        user = undefined;
      }
      if (!isDemoUser(user)) {
        writeResult(
          response,
          problemResult(
            400,
            'validation-failed',
            'Zgjidhni moderator, drafter ose admin.',
            'Choose moderator, drafter or admin.',
          ),
        );
        return;
      }
      const token = await staffAuth.issue(user);
      writeResult(response, {
        statusCode: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        body: JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }),
      });
      return;
    }
    if ((url.pathname === '/local-auth/' || url.pathname === '/local-auth') && request.method === 'GET') {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...SECURITY_HEADERS,
      });
      response.end(signInPage());
      return;
    }
    writeResult(response, notFound());
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await resolveStaticFile(siteDir, url.pathname);
    if (!file) {
      const notFoundPage = path.join(siteDir, '404.html');
      const exists = await stat(notFoundPage).then(
        (s) => s.isFile(),
        () => false,
      );
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
      if (exists && request.method === 'GET') createReadStream(notFoundPage).pipe(response);
      else response.end('<!doctype html><title>404</title><p>Faqja nuk u gjet. / Page not found.</p>');
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=300',
      ...SECURITY_HEADERS,
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  }
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

function findRoute(routes: CompiledRoute[], method: string, pathname: string) {
  for (const { route, pattern, names } of routes) {
    if (route.method !== method) continue;
    const found = pattern.exec(pathname);
    if (!found) continue;
    const params: Record<string, string> = {};
    try {
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '');
      });
    } catch {
      return undefined;
    }
    return { route, params };
  }
  return undefined;
}

/** A file inside siteDir for a URL path: directories give their index.html; nothing outside siteDir is served. */
async function resolveStaticFile(siteDir: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const root = path.resolve(siteDir);
  const candidate = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return undefined;
  for (const file of [candidate, path.join(candidate, 'index.html'), `${candidate}.html`]) {
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) return file;
  }
  return undefined;
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const TEXT_TYPES = /^(application\/(json|problem\+json|x-www-form-urlencoded)|text\/)/i;

/** The API Gateway HTTP API (payload format 2.0) event for a request, as Lambda receives it in AWS. */
export function toEvent(
  request: IncomingMessage,
  url: URL,
  route: Route,
  pathParameters: Record<string, string>,
  body: Buffer,
): HttpEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = request.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(cookies?.length ? { cookies } : {}),
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function writeResult(response: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(
    result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
  );
}

function problemResult(status: number, code: string, sq: string, en: string): HttpResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    body: JSON.stringify({ type: `/problems/${code}`, title: en, status, detail: sq, code, messages: { sq, en } }),
  };
}

const unauthorized = (): HttpResult => {
  const result = problemResult(401, 'unauthorized', 'Duhet të identifikoheni.', 'Sign-in is required.');
  return { ...result, headers: { ...result.headers, 'www-authenticate': 'Bearer' } };
};
const notFound = () => problemResult(404, 'not-found', 'Adresa nuk u gjet.', 'The address was not found.');
const tooLarge = () =>
  problemResult(413, 'payload-too-large', 'Kërkesa është shumë e madhe.', 'The request is too large.');
