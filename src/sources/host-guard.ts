import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * `/unroll` of a Mastodon link makes Spool fetch from the host a chat member typed. Left open, that
 * would let anyone probe the machine's own network through the bot (server-side request forgery):
 * `http://127.0.0.1:6379/@x/1`, `https://169.254.169.254/…`. So a typed host must be https, have a
 * name (not an address), and resolve only to public addresses. Tests and closed networks turn this
 * off with SPOOL_UNROLL_PRIVATE_HOSTS=true. (The check happens before the request: a host that
 * resolves differently a moment later is not caught; redirects are followed only by the fetch.)
 */
export type HostVerdict = 'ok' | 'blocked' | 'unresolvable';

const LOCAL_NAMES = /(?:^|\.)(?:localhost|local|internal|lan|home\.arpa)$/iu;

function ipv4Private(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19))
  );
}

/** Loopback, private, link-local, carrier-grade NAT, multicast and unspecified addresses (v4 and v6). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/iu.exec(address)?.[1];
  if (mapped) return ipv4Private(mapped);
  if (isIP(address) === 4) return ipv4Private(address);
  const lower = address.toLowerCase();
  return lower === '::' || lower === '::1' || /^f[cd]/u.test(lower) || /^fe[89ab]/u.test(lower) || /^ff/u.test(lower);
}

export async function checkPublicHost(
  url: URL,
  resolve: (host: string) => Promise<readonly string[]> = async (host) => (await lookup(host, { all: true })).map((a) => a.address),
): Promise<HostVerdict> {
  if (url.protocol !== 'https:') return 'blocked';
  const host = url.hostname.replace(/^\[(.*)\]$/u, '$1');
  if (isIP(host) !== 0 || LOCAL_NAMES.test(host) || !host.includes('.')) return 'blocked';
  let addresses: readonly string[];
  try {
    addresses = await resolve(host);
  } catch {
    return 'unresolvable';
  }
  if (addresses.length === 0) return 'unresolvable';
  return addresses.some(isPrivateAddress) ? 'blocked' : 'ok';
}
