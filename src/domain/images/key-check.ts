// The cheapest call that proves a provider key works (a read, never a generation): the doctor
// uses it before a user's first paid call.

import { ImageError } from './errors.ts';

export interface KeyCheck {
  provider: string;
  url: string;
  headers: Record<string, string>;
  /** The variable the key comes from, for the fix. */
  variable: string;
  /** What a good answer says, in a few words ("12.5 credits"). */
  describe: (answer: unknown) => string;
  signal: AbortSignal;
}

export async function checkKeyByRead(check: KeyCheck): Promise<string> {
  const { request } = await import('undici');
  let status: number;
  let text: string;
  try {
    const answer = await request(check.url, {
      method: 'GET',
      headers: { accept: 'application/json', ...check.headers },
      signal: AbortSignal.any([check.signal, AbortSignal.timeout(15_000)]),
    });
    status = answer.statusCode;
    text = await answer.body.text();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    throw new ImageError(
      'unavailable',
      `${check.provider} could not be reached (${code}).`,
      'Check the network, and the base URL if you set one.',
      { provider: check.provider },
    );
  }
  if (status === 401 || status === 403 || (status === 400 && /API[_ ]KEY/i.test(text))) {
    throw new ImageError(
      'config',
      `${check.provider} refused the key (HTTP ${status}).`,
      `Check ${check.variable}: copy the key again from the provider's console (no spaces or quotes).`,
      { provider: check.provider },
    );
  }
  if (status !== 200) {
    throw new ImageError(
      'unavailable',
      `${check.provider} answered HTTP ${status} to a read.`,
      'Try again in a minute; if it persists, check the provider status page.',
      { provider: check.provider },
    );
  }
  try {
    return check.describe(JSON.parse(text));
  } catch {
    return 'key accepted';
  }
}
