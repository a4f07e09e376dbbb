// Two network facts every upstream client needs, decided in one place.

/**
 * Whether a failed request certainly never reached the server, so repeating it cannot do
 * anything twice: only a failure of the connect or DNS step proves that. (EHOSTUNREACH and the
 * like can also come from a socket that had already sent the request.) Fetch-based SDKs wrap the
 * socket error, so the cause chain is followed.
 */
export function neverSent(error: unknown): boolean {
  for (
    let current: unknown = error, depth = 0;
    current && depth < 4;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const { syscall, code } = current as NodeJS.ErrnoException;
    if (syscall === 'connect' || syscall === 'getaddrinfo' || code === 'UND_ERR_CONNECT_TIMEOUT') return true;
  }
  return false;
}

/** A Retry-After header in milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
