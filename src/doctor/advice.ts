// What the doctor tells an admin about a failure: one sentence on what is wrong and one on what to do, naming the
// concrete thing (the app registration, the thumbprint, the file, the mailbox). The tables per source of errors are
// aadsts-advice.ts (Microsoft Entra sign-in) and graph-advice.ts (Microsoft Graph and the network).
import { CLOUDS } from '../config/clouds.ts';

export interface Advice {
  /** What is wrong, in the admin's terms. */
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;
}

/** The certificate the app signed in with, as the advice names it. */
export interface SignInCertificate {
  readonly subject: string;
  readonly sha1Hex: string;
  readonly sha256Hex: string;
  readonly notAfter: Date;
  /** The configured file (`.pfx`, or the certificate `.pem`). */
  readonly file: string;
  /** What to upload: the `.cer` next to it, or how to write one. */
  readonly upload: string;
  /** The `timetable-sync cert inspect …` command line that reads it. */
  readonly inspect: string;
  /** The PEM certificate, for an emulator seed. */
  readonly pemFile?: string | undefined;
}

/** What the advice may name: the configuration's identifiers and what the doctor learnt so far. */
export interface AdviceContext {
  readonly tenantId: string;
  readonly clientId: string;
  readonly authorityHost: string;
  readonly graphEndpoint: string;
  readonly certificate?: SignInCertificate | undefined;
  /** Where the client secret is read from (`file /etc/…`, `environment variable TTS_SECRET`). */
  readonly secretSource?: string | undefined;
  readonly mailbox?: string | undefined;
  /** The application permissions the token carried, when a token was acquired. */
  readonly roles?: readonly string[] | undefined;
  readonly redirectUri?: string | null | undefined;
}

/** Where an admin manages the app registration, per cloud. */
export function adminCenter(authorityHost: string): string {
  const host = hostOf(authorityHost);
  if (host === hostOf(CLOUDS.usgov.authorityHost))
    return 'the Microsoft Entra admin center (https://entra.microsoft.us)';
  if (host === hostOf(CLOUDS.china.authorityHost))
    return 'the Azure portal operated by 21Vianet (https://portal.azure.cn)';
  return 'the Microsoft Entra admin center (https://entra.microsoft.com)';
}

/** `… > App registrations > (application ID …) > Certificates & secrets`, with where to find it. */
export function appRegistrationPage(context: AdviceContext, page: string): string {
  const path = `${adminCenter(context.authorityHost)} > Entra ID > App registrations > (application ID ${context.clientId}) > ${page}`;
  return isMicrosoftHost(context.authorityHost)
    ? path
    : `${path} (with the emulator: its seed file's application entry)`;
}

/** For an authority that is not Microsoft's (the emulator): `; with the emulator at host, <what>`; else nothing. */
export function emulatorNote(context: AdviceContext, what: string): string {
  return isMicrosoftHost(context.authorityHost)
    ? ''
    : `; with the emulator at ${hostOf(context.authorityHost)}, ${what}`;
}

/** `certificate "CN=…" (SHA-1 thumbprint …)`, or a neutral name when no certificate is known. */
export function certificateName(context: AdviceContext): string {
  const certificate = context.certificate;
  if (!certificate) return 'the certificate';
  return `the certificate "${certificate.subject}" (SHA-1 thumbprint ${certificate.sha1Hex}, SHA-256 ${certificate.sha256Hex})`;
}

export function isMicrosoftHost(url: string): boolean {
  const host = hostOf(url);
  return Object.values(CLOUDS).some(
    (cloud) => hostOf(cloud.authorityHost) === host || hostOf(cloud.graphEndpoint) === host,
  );
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host.toLowerCase() : url.toLowerCase();
}
