// The chaos suite (issue 7): see chaos-run.ts for what happens at once. The short run is part of `npm test`;
// `npm run test:chaos` runs the long one. Needs PostgreSQL's server programs (its own server is started, so the
// database can be restarted mid-run): skipped with a notice without them, required when CI=true.
import { expect, it } from 'vitest';
import { describeWithPrivatePostgres } from '../support/private-postgres.ts';
import { formatChaosReport } from './chaos-report.ts';
import { runChaos } from './chaos-run.ts';
import { chaosSettings } from './chaos-settings.ts';

const settings = chaosSettings();
describeWithPrivatePostgres('the service under chaos', () => {
  it(
    'ends with every calendar exact, every owner event untouched and the revoked person told to reconnect',
    async () => {
      const report = await runChaos(settings, (line) => console.log(`chaos: ${line}`));
      console.log(formatChaosReport(report));
      expect(report.faultsInjected).toBeGreaterThan(0);
      expect(report.workerKills).toBeGreaterThan(0);
      expect(report.databaseRestarts).toBe(1);
      expect(report.revoked.status).toBe('reconnect_needed');
      expect(report.unexpectedWorkerExits).toEqual([]);
      expect(report.differences).toEqual([]);
    },
    (settings.seconds + settings.settleTimeoutMs / 1000 + 240) * 1000,
  );
});
