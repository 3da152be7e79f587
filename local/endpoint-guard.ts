const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Seeding, table creation and tests write freely; they must never reach a real AWS table by accident.
 * Throws unless the endpoint is a DynamoDB Local on this machine.
 */
export function assertLocalEndpoint(endpoint: string | undefined): string {
  if (!endpoint)
    throw new Error('Refusing to continue: no DynamoDB endpoint set; this tool only writes to DynamoDB Local.');
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    throw new Error(`Refusing to continue: "${endpoint}" is not a URL.`);
  }
  if (!LOCAL_HOSTS.has(host) && !host.startsWith('127.')) {
    throw new Error(`Refusing to write to ${endpoint}: only a local DynamoDB endpoint (localhost) is allowed here.`);
  }
  return endpoint;
}
