// `avatar-looks-mcp doctor`, printed for a person at a terminal (stdout): each check, and what to
// fix. Exit code 1 when something must be fixed before the first real look.

import type { DoctorCheck } from '../flows/doctor.ts';

const MARK: Record<DoctorCheck['state'], string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };

export function renderDoctor(checks: readonly DoctorCheck[], version: string): { text: string; failed: boolean } {
  const lines = [`avatar-looks-mcp ${version} doctor`, ''];
  for (const check of checks) {
    lines.push(`[${MARK[check.state]}] ${check.name}: ${check.said}`);
    if (check.fix && check.state !== 'ok') lines.push(`       fix: ${check.fix}`);
  }
  const failed = checks.some((check) => check.state === 'fail');
  const warned = checks.some((check) => check.state === 'warn');
  lines.push(
    '',
    failed
      ? 'Something must be fixed before the first real look (see FAIL above).'
      : warned
        ? 'Ready, with the warnings above.'
        : 'Ready.',
    '',
  );
  return { text: lines.join('\n'), failed };
}
