/**
 * Preloaded (`node --import`) into the P2 children: every way out to the network (sockets, DNS, fetch) is refused and
 * recorded in `globalThis.__konsultoNetworkAttempts`, so a bundle that calls anything at module init is caught, and
 * nothing leaves the machine even if it tries.
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const attempts: string[] = [];
(globalThis as { __konsultoNetworkAttempts?: string[] }).__konsultoNetworkAttempts = attempts;

function refuse(what: string): never {
  attempts.push(what);
  throw new Error(`network blocked during the init benchmark: ${what}`);
}

net.Socket.prototype.connect = function connect(...args: unknown[]) {
  return refuse(`socket connect ${JSON.stringify(args[0] ?? null).slice(0, 100)}`);
} as typeof net.Socket.prototype.connect;
dns.lookup = ((host: string) => refuse(`dns lookup ${host}`)) as unknown as typeof dns.lookup;
dns.promises.lookup = (async (host: string) => refuse(`dns lookup ${host}`)) as typeof dns.promises.lookup;
dns.resolve = ((host: string) => refuse(`dns resolve ${host}`)) as unknown as typeof dns.resolve;
globalThis.fetch = (async (input: unknown) => refuse(`fetch ${String(input)}`)) as typeof fetch;
syncBuiltinESMExports();
