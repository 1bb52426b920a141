// The doctor: checks a timetable-sync setup step by step and says, for each problem, what to do.
//
// - runDoctor({configPath, mailboxes, write}) → {results, exitCode, certificate}: every check in order, later ones
//   skipped (with the reason) when one they need failed. The CLI is src/cli/commands/doctor.ts.
// - The checks on their own, for other callers (the web service's dashboard): checkConfig, checkCredential (the
//   certificate's expiry and findings), probeEntra + checkClock + checkTenant, checkToken + checkPermissions,
//   checkMailbox (access, our events, the --write probe), checkSource + checkPersonTimetable.
// - aadstsAdvice(code, context) and graphAdvice(error, context): Microsoft's error codes as what to do.
export { aadstsAdvice, knownAadstsCodes } from './aadsts-advice.ts';
export type { Advice, AdviceContext, SignInCertificate } from './advice.ts';
export type { CheckResult, CheckStatus } from './check-result.ts';
export { checkConfig } from './config-check.ts';
export type { CertificateStatus, CredentialCheck } from './credential-check.ts';
export { checkCredential } from './credential-check.ts';
export { checkClock, checkTenant, clockResult, probeEntra } from './entra-checks.ts';
export { formatCheck, formatSummary, reportJson } from './format-report.ts';
export { graphAdvice, transportAdvice } from './graph-advice.ts';
export { checkMailbox } from './mailbox-checks.ts';
export type { DoctorOptions, DoctorReport } from './run-doctor.ts';
export { runDoctor } from './run-doctor.ts';
export { checkPersonTimetable, checkSource } from './source-check.ts';
export { checkPermissions, checkToken, decodeTokenClaims } from './token-check.ts';
