// `npm run bench`: the emulator's own throughput (bench/emulator-throughput.ts, child mode, about ten seconds),
// then the sync engine benchmark (bench/sync-engine.ts). Flags go to the sync benchmark, e.g.
// `npm run bench -- --mailboxes 50 --latency none` for a quick run; `--no-emulator-throughput` skips the first.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseSyncBenchArgs, runSyncBenchmark, syncBenchUsage } from './sync-engine.ts';

const args = process.argv.slice(2);
const skipEmulator = args.includes('--no-emulator-throughput');
let options: ReturnType<typeof parseSyncBenchArgs>;
try {
  options = parseSyncBenchArgs(args.filter((arg) => arg !== '--no-emulator-throughput'));
} catch (error) {
  console.error(
    `${(error as Error).message}\n${syncBenchUsage}\n  --no-emulator-throughput  skip bench/emulator-throughput.ts`,
  );
  process.exit(2);
}
if (!options) {
  console.log(`${syncBenchUsage}\n  --no-emulator-throughput  skip bench/emulator-throughput.ts`);
  process.exit(0);
}

if (!skipEmulator) {
  console.log('## Emulator throughput (bench/emulator-throughput.ts --mode child)\n');
  const script = fileURLToPath(new URL('./emulator-throughput.ts', import.meta.url));
  const code = await new Promise<number | null>((resolve) => {
    spawn(process.execPath, [script, '--mode', 'child'], { stdio: 'inherit' }).once('exit', resolve);
  });
  if (code !== 0) {
    console.error(`bench/emulator-throughput.ts exited with ${code}`);
    process.exit(1);
  }
  console.log('');
}

console.log('## Sync engine (bench/sync-engine.ts)\n');
console.log((await runSyncBenchmark(options)).text);
