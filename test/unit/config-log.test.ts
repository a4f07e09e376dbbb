import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/core/config.ts';
import { UserError } from '../../src/core/errors.ts';
import { createLogger, redact, secretValues } from '../../src/core/log.ts';

describe('config', () => {
  it('defaults the log level to info, treating an empty variable as unset', () => {
    assert.equal(loadConfig({}).logLevel, 'info');
    assert.equal(loadConfig({ AVATAR_LOOKS_LOG_LEVEL: '' }).logLevel, 'info');
  });

  it('names the variable and the allowed values when one is wrong', () => {
    assert.throws(
      () => loadConfig({ AVATAR_LOOKS_LOG_LEVEL: 'loud' }),
      (error: unknown) => {
        assert.ok(error instanceof UserError && error.kind === 'config');
        assert.match(error.message, /AVATAR_LOOKS_LOG_LEVEL must be one of debug, info, warn, error/);
        return true;
      },
    );
  });
});

describe('logger', () => {
  it('masks the value of every secret-looking environment variable', () => {
    const secrets = secretValues({
      HEYGEN_API_KEY: 'hg-secret-1234567',
      AVATAR_LOOKS_HTTP_TOKEN: 'tok-abcdefgh',
      SHORT_KEY: 'abc',
      PATH: '/usr/bin',
    });
    assert.deepEqual(secrets, ['hg-secret-1234567', 'tok-abcdefgh']);
    const lines: string[] = [];
    createLogger('debug', (line) => lines.push(line), secrets).error('upstream said hg-secret-1234567 is wrong', {
      token: 'tok-abcdefgh',
    });
    assert.equal(lines.length, 1);
    assert.doesNotMatch(lines[0] ?? '', /hg-secret|tok-abcdefgh/);
    assert.match(lines[0] ?? '', /\[redacted\] is wrong/);
    assert.equal(redact('no secrets here', secrets), 'no secrets here');
    const quoted = 'tok"with\\odd-chars';
    const jsonLine: string[] = [];
    createLogger('info', (line) => jsonLine.push(line), [quoted]).info('call', { header: quoted });
    assert.doesNotMatch(jsonLine[0] ?? '', /odd-chars/);
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (line) => lines.push(line), []);
    logger.info('quiet');
    logger.warn('loud');
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /warn: loud/);
  });
});
