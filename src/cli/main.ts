// The `timetable-sync` command: dispatches to one module per subcommand.
import { argv, exit } from 'node:process';

const commands: Record<string, { readonly summary: string; readonly run: (args: string[]) => Promise<number> }> = {
  demo: {
    summary: 'the zero-config demo: emulated tenant, embedded database, sample timetable, one sync (npm start)',
    run: async (args) => (await import('./commands/demo.ts')).run(args),
  },
  emulator: {
    summary: 'run the Microsoft 365 emulator (Entra ID + Graph calendar over HTTPS)',
    run: async (args) => (await import('./commands/emulator.ts')).run(args),
  },
  sync: {
    summary: "bring people's Outlook calendars to their timetable (--all | --person ID, --dry-run)",
    run: async (args) => (await import('./commands/sync.ts')).runSync(args),
  },
  reconcile: {
    summary: 'like sync, but list each calendar first: adopt, de-duplicate, undo user edits',
    run: async (args) => (await import('./commands/sync.ts')).runReconcile(args),
  },
  purge: {
    summary: 'delete every event timetable-sync created (any date) for --all, --person or --mailbox',
    run: async (args) => (await import('./commands/purge.ts')).run(args),
  },
  status: {
    summary: "show each person's sync status, reasons and held plans (from the database)",
    run: async (args) => (await import('./commands/status.ts')).run(args),
  },
  worker: {
    summary: 'work sync jobs from the queue (run many, on one PostgreSQL); --concurrency N, --schedule',
    run: async (args) => (await import('./commands/worker.ts')).run(args),
  },
  serve: {
    summary: 'the service: web server, scheduler and workers in one process (--port N)',
    run: async (args) => (await import('./commands/serve.ts')).run(args),
  },
  cert: {
    summary: 'create or inspect the certificate the app signs in to Microsoft Entra with',
    run: async (args) => (await import('./commands/cert.ts')).run(args),
  },
  'api-key': {
    summary: 'keys for the push API: create NAME (printed once), list, revoke NAME|ID',
    run: async (args) => (await import('./commands/api-key.ts')).run(args),
  },
  doctor: {
    summary: 'check the setup step by step (certificate, tenant, token, mailboxes, source) and say what to fix',
    run: async (args) => (await import('./commands/doctor.ts')).run(args),
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
