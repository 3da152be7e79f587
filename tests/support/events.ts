import type { HttpEvent } from '#functions/commons/http.ts';

/** A small API Gateway HTTP API v2 event for unit tests of handlers. */
export function httpEvent(
  routeKey: string,
  {
    pathParameters,
    headers = {},
    query,
  }: { pathParameters?: Record<string, string>; headers?: Record<string, string>; query?: Record<string, string> } = {},
): HttpEvent {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers,
    ...(pathParameters ? { pathParameters } : {}),
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'test-request',
      routeKey,
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}
