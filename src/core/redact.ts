// The one place secrets are taken out of what leaves the process: log lines, tool results (text
// and structured), and every JSON record written to disk (run.json, job records, keys). It masks
// the configured secrets (every *_KEY, *_TOKEN, *_SECRET, *_PASSWORD variable, registered at
// start), and token-shaped strings whoever echoes them: a provider that repeats a key it was sent
// in its error, an upstream that puts a bearer token in a message.

const MASK = '[redacted]';

/** Configured secrets, longest first (a secret containing another is masked whole). */
let known: string[] = [];

/** Adds secrets to mask everywhere from now on (values shorter than 8 characters are not secrets). */
export function registerSecrets(values: readonly string[]): void {
  known = [...new Set([...known, ...values.filter((value) => value.length >= 8)])].sort((a, b) => b.length - a.length);
}

/**
 * Strings shaped like credentials, whatever their source. Hashes and our own ids (64-hex SHA-256,
 * look_…, job_…) are not credentials and are left alone.
 */
const TOKEN_SHAPES: RegExp[] = [
  /\bsk-[A-Za-z0-9]{32,}/g, // OpenAI (classic)
  /\bsk-(?:proj|ant|svcacct|admin)-[A-Za-z0-9_-]{32,}/g, // OpenAI project and service keys, Anthropic
  /\bAIza[0-9A-Za-z_-]{35}/g, // Google API keys
  /\bya29\.[0-9A-Za-z_-]{20,}/g, // Google OAuth access tokens
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, // JWTs
];
/** A credential after a name that says so: the name is kept, the value masked. */
const NAMED_SECRET =
  /((?:\bBearer|\bBasic|\bapi[_-]?key|\bx-api-key|\bx-goog-api-key|\baccess[_-]?token|\brefresh[_-]?token|\bclient[_-]?secret|\bauth[_-]?token|\bpassword|[?&](?:key|token|api_key|access_token|sig|signature))["']?\s*[:= ]\s*["']?)([A-Za-z0-9._~+/=-]{12,})/gi;

/** The text with every known secret, and every credential-shaped string, masked. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets.length > 0 ? [...new Set([...secrets, ...known])] : known) {
    if (secret.length < 8) continue;
    // Also as it appears inside JSON (a secret with a quote or backslash is escaped there).
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) out = out.split(form).join(MASK);
  }
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, MASK);
  return out.replace(NAMED_SECRET, (_match, name: string, value: string) =>
    value === MASK ? _match : `${name}${MASK}`,
  );
}

/** Every string in a JSON-like value redacted (keys too); anything else kept as it is. */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, secrets)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        redact(key, secrets),
        redactValue(item, secrets),
      ]),
    ) as T;
  }
  return value;
}
