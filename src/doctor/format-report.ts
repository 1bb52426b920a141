// How the doctor's findings read in a terminal: one line per check (PASS / WARN / FAIL / SKIP, what, what was
// found), then for warnings and failures the fix and any details; a count at the end.
import type { CheckResult, CheckStatus } from './check-result.ts';
import type { DoctorReport } from './run-doctor.ts';

const labels: Readonly<Record<CheckStatus, string>> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

export function formatCheck(result: CheckResult): string {
  const lines = [`${labels[result.status]}  ${result.title}: ${result.summary}`];
  if (result.status === 'warn' || result.status === 'fail') {
    if (result.fix) lines.push(`      fix: ${result.fix}`);
    for (const detail of result.details ?? []) lines.push(`        ${detail}`);
  }
  return lines.join('\n');
}

export function formatSummary(report: Pick<DoctorReport, 'results' | 'exitCode'>): string {
  const count = (status: CheckStatus) => report.results.filter((r) => r.status === status).length;
  const totals = `${count('pass')} passed, ${count('warn')} warned, ${count('fail')} failed, ${count('skip')} skipped`;
  if (report.exitCode === 0) return `\n${totals}: nothing failed.`;
  return `\n${totals}. Fix the FAIL lines from the top: a check is skipped when one it needs failed.`;
}

/** `--json`: the results as data, with the exit code and the certificate's state. */
export function reportJson(report: DoctorReport): string {
  return JSON.stringify(
    {
      ok: report.exitCode === 0,
      exitCode: report.exitCode,
      results: report.results,
      certificate: report.certificate ?? null,
    },
    null,
    2,
  );
}
