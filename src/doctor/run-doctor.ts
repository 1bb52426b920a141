// Runs the doctor's checks in order and skips (saying why) each check whose prerequisite failed: configuration,
// credential, clock, tenant, token, permissions, source, then per mailbox its access, our events, the write probe and
// its timetable. Exit code: 0 nothing failed (warnings allowed), 1 something failed, 2 the configuration is unusable.
import { readFileSync } from 'node:fs';
import type { Config, Environment } from '../config/index.ts';
import { GraphClient } from '../graph/graph-client.ts';
import { syncWindow } from '../model/sync-window.ts';
import { createSource } from '../source/index.ts';
import type { AdviceContext } from './advice.ts';
import { type CheckResult, skipped, wentThrough } from './check-result.ts';
import { checkConfig } from './config-check.ts';
import { type CertificateStatus, checkCredential } from './credential-check.ts';
import { checkClock, checkTenant, probeEntra } from './entra-checks.ts';
import { checkMailbox } from './mailbox-checks.ts';
import { checkPersonTimetable, checkSource, skippedTimetable } from './source-check.ts';
import { checkPermissions, checkToken } from './token-check.ts';

export interface DoctorOptions {
  /** `--config FILE`; else TIMETABLE_SYNC_CONFIG, else ./timetable-sync.yaml. */
  readonly configPath?: string | undefined;
  readonly env?: Environment;
  /** User principal names to check (`--mailbox`). */
  readonly mailboxes?: readonly string[];
  /** Create and delete a probe event in each mailbox (`--write`). */
  readonly write?: boolean;
  /** This machine's clock, in epoch ms (tests set it off to see the clock check fail). */
  readonly now?: () => number;
  /** Called as each check finishes, so a terminal shows progress. */
  readonly onResult?: (result: CheckResult) => void;
}

export interface DoctorReport {
  readonly results: readonly CheckResult[];
  readonly exitCode: 0 | 1 | 2;
  /** The sign-in certificate's state, when one could be read. */
  readonly certificate: CertificateStatus | undefined;
}

export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const results: CheckResult[] = [];
  const report = (result: CheckResult): CheckResult => {
    results.push(result);
    options.onResult?.(result);
    return result;
  };
  const mailboxes = options.mailboxes ?? [];
  const configured = checkConfig({ path: options.configPath, ...(options.env ? { env: options.env } : {}) });
  report(configured.result);
  const config = configured.config;
  if (config === undefined) {
    for (const result of skipAll(mailboxes, 'needs a valid configuration')) report(result);
    return { results, exitCode: 2, certificate: undefined };
  }
  const certificate = await checkMicrosoftAndSource(config, options, mailboxes, report);
  const exitCode = results.some((r) => r.status === 'fail') ? 1 : 0;
  return { results, exitCode, certificate };
}

async function checkMicrosoftAndSource(
  config: Config,
  options: DoctorOptions,
  mailboxes: readonly string[],
  report: (result: CheckResult) => CheckResult,
): Promise<CertificateStatus | undefined> {
  const now = options.now ?? Date.now;
  const ms = config.microsoft;
  const caPem = ms.caFile ? readFileSync(ms.caFile, 'utf8') : undefined;
  const credential = await checkCredential(ms.credential, {
    now: new Date(now()),
    ...(options.env ? { env: options.env } : {}),
  });
  report(credential.result);
  const context: AdviceContext = {
    tenantId: ms.tenantId,
    clientId: ms.clientId,
    authorityHost: ms.authorityHost,
    graphEndpoint: ms.graphEndpoint,
    certificate: credential.certificate,
    secretSource: credential.secretSource,
    redirectUri: ms.redirectUri,
  };
  const probe = await probeEntra(ms, { caPem, now });
  report(checkClock(probe, ms.authorityHost));
  const tenant = report(checkTenant(probe, ms, context));

  let token: Awaited<ReturnType<typeof checkToken>> | undefined;
  if (credential.credential === undefined) report(skipped('token', 'token', 'needs a usable credential (see above)'));
  else if (!wentThrough(tenant)) report(skipped('token', 'token', 'needs the tenant to be found (see above)'));
  else token = await checkToken(ms, credential.credential, context, caPem);
  if (token) report(token.result);
  const permissions = report(
    token && wentThrough(token.result)
      ? checkPermissions(token.claims, ms, context, { mailboxesToCheck: mailboxes.length > 0 })
      : skipped('permissions', 'permissions', 'needs a token'),
  );

  const source = createSource(config.source);
  const sourceCheck = await checkSource(source);
  report(sourceCheck.result);

  const graph = token
    ? new GraphClient({
        graphEndpoint: ms.graphEndpoint,
        tokenProvider: token.provider,
        ...(caPem ? { caPem } : {}),
        timeoutMs: 30_000,
        retry: { maxAttempts: 3, maxRetryAfterMs: 30_000 },
      })
    : undefined;
  const window = syncWindow(new Date(now()), config.sync.pastDays, config.sync.futureDays);
  const mailboxBlocked =
    ms.auth === 'delegated'
      ? 'delegated mode: the doctor cannot act as a person; each person checks by connecting their calendar'
      : !token || !wentThrough(token.result)
        ? 'needs a token'
        : permissions.status === 'fail'
          ? 'needs Calendars.ReadWrite (see permissions)'
          : undefined;
  try {
    for (const upn of mailboxes) {
      if (mailboxBlocked !== undefined || graph === undefined) {
        for (const result of skipMailbox(upn, mailboxBlocked ?? 'needs a token')) report(result);
      } else {
        const checks = await checkMailbox(graph, upn, {
          window,
          write: options.write ?? false,
          context: { ...context, roles: token?.claims?.roles },
        });
        for (const result of checks) report(result);
      }
      report(
        wentThrough(sourceCheck.result)
          ? await checkPersonTimetable(source, sourceCheck.people, upn, window)
          : skippedTimetable(upn, 'needs a readable source (see source)'),
      );
    }
  } finally {
    await graph?.close();
    await token?.provider.close();
  }
  return credential.certificate;
}

function skipMailbox(upn: string, reason: string): CheckResult[] {
  return [
    skipped('mailbox', `mailbox ${upn}`, reason),
    skipped('events', `our events ${upn}`, reason),
    skipped('probe', `write probe ${upn}`, reason),
  ];
}

function skipAll(mailboxes: readonly string[], reason: string): CheckResult[] {
  return [
    skipped('credential', 'credential', reason),
    skipped('clock', 'clock', reason),
    skipped('tenant', 'tenant', reason),
    skipped('token', 'token', reason),
    skipped('permissions', 'permissions', reason),
    skipped('source', 'source', reason),
    ...mailboxes.flatMap((upn) => [...skipMailbox(upn, reason), skippedTimetable(upn, reason)]),
  ];
}
