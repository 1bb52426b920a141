// What Linux says about a process of the scale benchmark (/proc/<pid>): peak and current resident memory, the CPU
// it has used, and how to find this process's child that runs a given command (the emulator does not expose its pid).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessFigures {
  /** `VmHWM`: the most resident memory the process ever had. */
  readonly peakRssBytes: number;
  /** `VmRSS`: resident memory now. */
  readonly rssBytes: number;
  /** User + system CPU since the process started. */
  readonly cpuSeconds: number;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

export function processFigures(pid: number): ProcessFigures {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field} line`);
    return Number(match[1]) * 1024;
  };
  return { peakRssBytes: kilobytes('VmHWM'), rssBytes: kilobytes('VmRSS'), cpuSeconds: cpuSeconds(pid) };
}

export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat; `fields` starts at field 3 (the state).
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/** The pid of a child of this process whose command line has `argument` as one of its arguments. */
export function childWithArgument(argument: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let parent: number;
    let argv: string[];
    try {
      parent = Number(statFields(pid)[1]);
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch (error) {
      // A process that ended while we looked is not the one we want.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH')
        continue;
      throw error;
    }
    if (parent === process.pid && argv.includes(argument)) return pid;
  }
  return undefined;
}

/** /proc/<pid>/stat from field 3 on: the command name (field 2) is in parentheses and may hold spaces. */
function statFields(pid: number): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text
    .slice(text.lastIndexOf(')') + 2)
    .trim()
    .split(' ');
}
