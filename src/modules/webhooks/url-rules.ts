/**
 * Which addresses a webhook may be sent to. HTTPS only, to a public address: never the platform's own
 * network (loopback, private ranges, link-local, cloud metadata), which would let a body's administrator
 * make the platform call inside its network. Outside production, `http://localhost` and `http://127.0.0.1`
 * are allowed, for a receiver on the developer's machine (and the tests'). The address a name resolves to
 * is checked again at each sending (see `publicOnlyLookup`), so a name that later points inside is refused.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { ProblemCode } from '../../server/problems.js';

export type UrlRules = { allowLocalHttp: boolean };

export const urlRulesOf = (config: { NODE_ENV: string }): UrlRules => ({
  allowLocalHttp: config.NODE_ENV !== 'production',
});

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether an IP address is outside the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return true;
}

/** Whether an address is this machine's own (allowed outside production only). */
const isLoopback = (address: string) =>
  address === '::1' || (isIP(address) === 4 && address.startsWith('127.'));

/** The refusal of a subscription's address, or null when it may be used. */
export function urlProblem(raw: string, rules: UrlRules): ProblemCode | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'webhook-url-invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'webhook-url-invalid';
  if (url.username || url.password) return 'webhook-url-invalid';
  const host = url.hostname.toLowerCase();
  const local = LOCAL_NAMES.has(host);
  if (local) return rules.allowLocalHttp ? null : 'webhook-url-private';
  if (url.protocol === 'http:') return 'webhook-url-not-https';
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  if (isIP(literal)) return isPrivateAddress(literal) ? 'webhook-url-private' : null;
  if (!host.includes('.') || /\.(local|localhost|internal|lan|home\.arpa)$/.test(host))
    return 'webhook-url-private';
  return null;
}

/** Whether the platform may connect to this IP address: a public one, or (outside production) the loopback. */
export const addressAllowed = (address: string, rules: UrlRules) =>
  !isPrivateAddress(address) || (rules.allowLocalHttp && isLoopback(address));

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup for the sending socket (an address written as an IP is not looked up: see `addressAllowed`) that refuses private addresses (and, outside production, allows only
 * the loopback among them), so the check holds for the address actually connected to.
 */
export function publicOnlyLookup(rules: UrlRules) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => !addressAllowed(a.address, rules));
      if (refused || !list.length) {
        const e: NodeJS.ErrnoException = new Error(`address of ${hostname} is not public`);
        e.code = 'EPRIVATEADDRESS';
        return callback(e, []);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
