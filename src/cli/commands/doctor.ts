// `timetable-sync doctor`: checks the setup step by step (configuration, certificate, clock, tenant, token and its
// permissions, the source, and each --mailbox) and says for each problem what to do.
// Exit 0 nothing failed (warnings allowed), 1 something failed, 2 unusable configuration or wrong arguments.
import { parseArgs } from 'node:util';
import { formatCheck, formatSummary, reportJson } from '../../doctor/format-report.ts';
import { runDoctor } from '../../doctor/run-doctor.ts';

export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const usage = 'usage: timetable-sync doctor [--config FILE] [--mailbox UPN …] [--write] [--json]';

export const run = (args: string[]): Promise<number> =>
  runDoctorCommand(args, { out: (text) => console.log(text), err: (text) => console.error(text) });

export async function runDoctorCommand(
  args: readonly string[],
  output: Output,
  env?: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  let values: { config?: string; mailbox?: string[]; write?: boolean; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        config: { type: 'string', short: 'c' },
        mailbox: { type: 'string', multiple: true, short: 'm' },
        write: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    output.out(usage);
    return 0;
  }
  const mailboxes = (values.mailbox ?? [])
    .flatMap((m) => m.split(','))
    .map((m) => m.trim())
    .filter(Boolean);
  if (values.write && mailboxes.length === 0) {
    output.err(`--write needs at least one --mailbox to write the probe event to\n${usage}`);
    return 2;
  }
  const json = values.json ?? false;
  if (!json) output.out('timetable-sync doctor\n');
  const report = await runDoctor({
    configPath: values.config,
    ...(env ? { env } : {}),
    mailboxes,
    write: values.write ?? false,
    // A blank line before each mailbox's group of checks.
    ...(json
      ? {}
      : { onResult: (result) => output.out(`${result.check === 'mailbox' ? '\n' : ''}${formatCheck(result)}`) }),
  });
  output.out(json ? reportJson(report) : formatSummary(report));
  return report.exitCode;
}
