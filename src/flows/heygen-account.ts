// Which HeyGen a key's work lives in. A look made in the sandbox exists only in the offline
// simulator, and one made with another API key only in that account: a key used in one is never
// answered with its result in the other (create_video would then fail with a 404 on a look that
// was never there). Keys remember their HeyGen as "sandbox" or "heygen:" + a hash of the endpoint
// and the API key (the key itself is never written down).

import { createHash } from 'node:crypto';
import type { Config } from '../core/config.ts';
import { UserError } from '../core/errors.ts';

export function heygenAccount(config: Config): string {
  if (config.sandbox !== null) return 'sandbox';
  const { baseUrl, apiKey } = config.heygen;
  return `heygen:${createHash('sha256')
    .update(`${baseUrl}\u0000${apiKey ?? ''}`)
    .digest('hex')
    .slice(0, 16)}`;
}

/**
 * A refusal when the key was used with another HeyGen than this server's now, else undefined.
 * `stored` is what the key recorded; keys from before this was recorded say only whether their
 * run was a sandbox one.
 */
export function otherHeyGen(
  config: Config,
  what: { kind: 'look' | 'video'; key: string; made: string; stored: string | undefined; sandboxRun?: boolean },
): UserError | undefined {
  const now = heygenAccount(config);
  const then = what.stored ?? (what.sandboxRun === true && config.sandbox === null ? 'sandbox' : now);
  if (then === now) return undefined;
  const retry =
    what.kind === 'look'
      ? `Call create_look with a new key (e.g. "${what.key}-2"), or the same key with force_new: true, to make it here (the earlier run's files are kept)`
      : 'Call create_video with a new key to start it here';
  if (then === 'sandbox') {
    return new UserError(
      'key_from_sandbox',
      `Key "${what.key}" was used in the sandbox: ${what.made} exists only in the offline simulator, not in your HeyGen account (HeyGen keys are set now).`,
      `${retry}.`,
    );
  }
  if (now === 'sandbox') {
    return new UserError(
      'key_from_heygen',
      `Key "${what.key}" was used with real HeyGen (${what.made}), but the server now runs in sandbox mode, which cannot reach it.`,
      `Set HEYGEN_API_KEY (and the other keys) as they were to get it back; or, to try the sandbox, use a new key.`,
    );
  }
  return new UserError(
    'key_other_account',
    `Key "${what.key}" was used with another HeyGen account or HEYGEN_BASE_URL (${what.made} is there, not in the one set now).`,
    `Set HEYGEN_API_KEY and HEYGEN_BASE_URL back to get it; or ${retry.charAt(0).toLowerCase()}${retry.slice(1)}.`,
  );
}
