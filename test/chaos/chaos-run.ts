// The chaos run (issue 7): everything at once against the service — injected Graph faults and random latency,
// workers killed with SIGKILL and started again, the database restarted, owners editing and deleting our events
// and making their own, timetable changes streaming through the push API, one person's consent revoked — then a
// quiet period, the revoked person reconnecting, the reconcile everyone gets, and the check of every calendar.
import { enqueuePersonSync } from '../../src/jobs/enqueue-person-sync.ts';
import { enqueueSyncAll } from '../../src/jobs/schedules.ts';
import { getPerson } from '../../src/store/index.ts';
import { emulatorStats, setFaults, setLimits } from '../support/emulator-control.ts';
import { AppBrowser } from './app-browser.ts';
import { checkCalendars, waitForQuiet } from './chaos-check.ts';
import type { ChaosReport } from './chaos-report.ts';
import { type ChaosService, startChaosService } from './chaos-service.ts';
import type { ChaosSettings } from './chaos-settings.ts';
import { OwnerActions } from './owner-actions.ts';
import { Random } from './random.ts';
import { TimetableStream } from './timetable-stream.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runChaos(settings: ChaosSettings, progress: (line: string) => void): Promise<ChaosReport> {
  const random = new Random(settings.seed);
  const started = Date.now();
  const chaos = await startChaosService(settings);
  try {
    return await runAgainst(chaos, settings, random, progress, started);
  } catch (error) {
    const lines = chaos.workers.unexpectedExits.map((e) => `worker ${e.pid} exited ${e.code ?? e.signal}`);
    progress(`chaos run failed: ${(error as Error).message}\n${lines.join('\n')}\n${chaos.log.slice(-20).join('\n')}`);
    throw error;
  } finally {
    await chaos.close();
  }
}

async function runAgainst(
  chaos: ChaosService,
  settings: ChaosSettings,
  random: Random,
  progress: (line: string) => void,
  started: number,
): Promise<ChaosReport> {
  const { emulator, service, workers, people } = chaos;
  // Access tokens shorter than msal's five-minute margin: every sync asks for one, so a revoked consent bites.
  await setLimits(emulator, { accessTokenLifetimeSeconds: 120 });
  const stream = new TimetableStream(chaos.serviceUrl, chaos.apiKey, people, random);
  await stream.pushInitial(settings.eventsPerPerson);
  const browserOf = (index: number) => new AppBrowser(chaos.serviceUrl, `198.51.100.${1 + (index % 250)}`);
  for (const [index, person] of people.entries()) await browserOf(index).signIn(emulator, person.upn, person.password);
  const owners = new OwnerActions(emulator, people, random);
  await owners.snapshot();
  progress(
    `${people.length} people connected, ${settings.eventsPerPerson} events each pushed; chaos for ${settings.seconds} s`,
  );

  await setFaults(emulator, {
    rate: settings.faultRate,
    kinds: ['429', '503', '504', 'reset', 'reset-after-write', 'timeout'],
    seed: settings.seed,
    timeoutMs: 2000,
  });
  await setLimits(emulator, { latencyMs: settings.latencyMs });
  const statsBefore = await emulatorStats(emulator);

  const deadline = Date.now() + settings.seconds * 1000;
  const running = () => Date.now() < deadline;
  const revoked = people[0];
  if (!revoked) throw new Error('the chaos run needs at least one person');
  let databaseDownMs = 0;
  const loops = [
    (async () => {
      while (running()) {
        await stream.step();
        await sleep(settings.pushEveryMs);
      }
    })(),
    (async () => {
      while (running()) {
        await owners.step();
        await sleep(settings.ownerEveryMs);
      }
    })(),
    (async () => {
      while (running()) {
        await sleep(random.between(settings.killEveryMs[0], settings.killEveryMs[1]));
        if (!running()) break;
        await workers.kill(random.int(workers.size));
        await sleep(random.between(200, 2000));
        await workers.fill();
      }
    })(),
    (async () => {
      await sleep(settings.seconds * 400);
      const response = await emulator.fetch(`${emulator.url}/_emulator/users/${revoked.upn}/revoke-consent`, {
        method: 'POST',
      });
      if (!response.ok) throw new Error(`revoking ${revoked.upn}'s consent: ${response.status}`);
      await response.text();
      progress(`consent of ${revoked.upn} revoked`);
      await sleep(settings.seconds * 100);
      databaseDownMs = await chaos.postgres.restart({ downMs: 1500 });
      progress(`database restarted (${databaseDownMs} ms without it)`);
    })(),
    (async () => {
      while (running()) {
        await sleep(10_000);
        const stats = await emulatorStats(emulator);
        progress(
          `${Math.round((Date.now() - started) / 1000)} s: ${stream.changes} timetable changes, ` +
            `${stats.totals.requests - statsBefore.totals.requests} Graph requests, ` +
            `${stats.totals.faults - statsBefore.totals.faults} faults, ${workers.kills} workers killed`,
        );
      }
    })(),
  ];
  await Promise.all(loops);

  // The quiet period: no more faults, kills or changes.
  const statsAfter = await emulatorStats(emulator);
  await setFaults(emulator, { rate: 0 });
  await setLimits(emulator, { latencyMs: { min: 0, max: 0 } });
  await workers.fill();
  progress('quiet: faults off, every worker running');

  // The revoked person must be told to reconnect (a sync of theirs runs at least once more to find out).
  await enqueuePersonSync(service.boss, revoked.personId, 'manual');
  let revokedStatus = await getPerson(service.engine.store.db, revoked.personId);
  for (let i = 0; i < 60 && revokedStatus?.status !== 'reconnect_needed'; i++) {
    await sleep(1000);
    revokedStatus = await getPerson(service.engine.store.db, revoked.personId);
  }
  const revokedSeen = { status: revokedStatus?.status ?? 'unknown', reason: revokedStatus?.statusReason ?? '' };
  await browserOf(0).signIn(emulator, revoked.upn, revoked.password);
  progress(`${revoked.upn} was "${revokedSeen.status}" and has reconnected`);

  await enqueueSyncAll(service.boss, 'reconcile');
  await waitForQuiet(service, settings.settleTimeoutMs);
  const check = await checkCalendars(emulator, service, stream, owners, people);
  return {
    seed: settings.seed,
    people: people.length,
    chaosSeconds: settings.seconds,
    totalSeconds: Math.round((Date.now() - started) / 1000),
    graphRequests: statsAfter.totals.requests - statsBefore.totals.requests,
    faultsInjected: statsAfter.totals.faults - statsBefore.totals.faults,
    throttled: statsAfter.totals.throttled - statsBefore.totals.throttled,
    pushCalls: stream.pushes,
    pushRetries: stream.retriedPushes,
    timetableChanges: stream.changes,
    ownerActions: { ...owners.counts },
    workerKills: workers.kills,
    workerStarts: workers.starts,
    unexpectedWorkerExits: workers.unexpectedExits.map(
      (e) => `pid ${e.pid}: ${e.code ?? e.signal}\n  ${e.lastLines.join('\n  ')}`,
    ),
    databaseRestarts: databaseDownMs > 0 ? 1 : 0,
    databaseDownMs,
    revoked: { person: revoked.personId, ...revokedSeen },
    eventsCompared: check.eventsCompared,
    differences: check.differences,
  };
}
