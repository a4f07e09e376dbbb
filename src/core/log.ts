// Logging to stderr only: on stdio, stdout is the protocol. Every line passes through
// redact(), so a secret from the environment never reaches a log.

import type { LogLevel } from './config.ts';
import { redact, redactValue } from './redact.ts';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /**
   * Also hands every entry at `from` or above (already redacted) to `sink` — an MCP client that
   * asked for log messages, say. Answers a function that stops it.
   */
  forward?(
    from: LogLevel,
    sink: (level: LogLevel, message: string, fields: Record<string, unknown>) => void,
  ): () => void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD)$/i;

/** Values of secret-looking environment variables, longest first, so they can be masked. */
export function secretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === 'string' && value.length >= 8)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
}

export { redact };

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
  secrets: readonly string[] = secretValues(),
): Logger {
  const sinks = new Set<{ from: LogLevel; sink: Parameters<NonNullable<Logger['forward']>>[1] }>();
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    for (const { from, sink } of sinks)
      if (ORDER[at] >= ORDER[from]) sink(at, redact(message, secrets), redactValue(fields ?? {}, secrets));
    if (ORDER[at] < ORDER[level]) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    write(redact(`${new Date().toISOString()} avatar-looks-mcp ${at}: ${message}${extra}\n`, secrets));
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    forward: (from, sink) => {
      const entry = { from, sink };
      sinks.add(entry);
      return () => sinks.delete(entry);
    },
  };
}
