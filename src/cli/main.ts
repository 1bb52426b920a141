// The `timetable-sync` command: dispatches to one module per subcommand.
import { argv, exit } from 'node:process';

const commands: Record<string, { readonly summary: string; readonly run: (args: string[]) => Promise<number> }> = {
  emulator: {
    summary: 'run the Microsoft 365 emulator (Entra ID + Graph calendar over HTTPS)',
    run: async (args) => (await import('./commands/emulator.ts')).run(args),
  },
};

function help(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`);
  return `usage: timetable-sync <command> [options]\n\ncommands:\n${lines.join('\n')}`;
}

const [name, ...rest] = argv.slice(2);
if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
  console.log(help());
  exit(0);
}
const command = commands[name];
if (!command) {
  console.error(`unknown command '${name}'\n\n${help()}`);
  exit(2);
}
exit(await command.run(rest));
