// Loaded with `node --import` into a server process under test: the names listed in
// TEST_RESOLVE ("name=address,…") resolve to those addresses in that process, as an /etc/hosts
// entry would (tests cannot edit /etc/hosts). Every other name resolves as usual.

import dns, { type LookupAddress } from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { isIP } from 'node:net';

const table = new Map(
  (process.env.TEST_RESOLVE ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => entry.split('=') as [string, string]),
);
const answer = (address: string): LookupAddress => ({ address, family: isIP(address) });

const systemPromise = dns.promises.lookup;
dns.promises.lookup = (async (hostname: string, options?: dns.LookupOptions) => {
  const address = table.get(hostname);
  if (address === undefined) return systemPromise(hostname, options ?? {});
  return options?.all ? [answer(address)] : answer(address);
}) as typeof dns.promises.lookup;

const systemCallback = dns.lookup;
dns.lookup = ((hostname: string, ...rest: unknown[]) => {
  const address = table.get(hostname);
  const callback = rest.at(-1) as (error: null, address: string | LookupAddress[], family?: number) => void;
  if (address === undefined) return (systemCallback as (...args: unknown[]) => void)(hostname, ...rest);
  const options = rest.length > 1 ? rest[0] : undefined;
  const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
  process.nextTick(() => (all ? callback(null, [answer(address)]) : callback(null, address, isIP(address))));
}) as typeof dns.lookup;

syncBuiltinESMExports();
