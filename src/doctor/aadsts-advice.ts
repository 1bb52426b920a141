// Microsoft Entra's sign-in error codes (AADSTS…) turned into what an admin should do. Every code the design lists
// is here, plus the ones a misconfigured app registration or authority commonly produces.
import { isoSeconds } from '../certificates/iso-seconds.ts';
import {
  type Advice,
  type AdviceContext,
  adminCenter,
  appRegistrationPage,
  certificateName,
  emulatorNote,
} from './advice.ts';

type Entry = (context: AdviceContext, entraMessage: string) => Advice;

const reconnect =
  'the person signs in again ("Connect my Outlook calendar" on the timetable-sync page); nothing is lost meanwhile, their sync waits';

const aadstsTable: Readonly<Record<string, Entry>> = {
  AADSTS700027: certificateRefused,
  AADSTS700024: () => ({
    problem: "Microsoft Entra refused the sign-in because it is outside its valid time: this machine's clock is wrong",
    fix: 'set the clock right and keep it synchronised (systemd: timedatectl set-ntp true; Windows: w32tm /resync); the clock check shows by how much it is off',
  }),
  AADSTS7000215: (context) => ({
    problem: `Microsoft Entra refused the client secret: it is not a secret of application ${context.clientId}`,
    fix: `put the secret's Value (not its Secret ID) from ${appRegistrationPage(context, 'Certificates & secrets > Client secrets')} into ${context.secretSource ?? 'the configured secret file'}; a Value is shown only right after it is created, so make a new secret if you no longer have it`,
  }),
  AADSTS7000222: (context) => ({
    problem: `The client secret of application ${context.clientId} has expired`,
    fix: `create a new secret (${appRegistrationPage(context, 'Certificates & secrets > Client secrets > New client secret')}), put its Value into ${context.secretSource ?? 'the configured secret file'}, then delete the expired one; a certificate is the better credential (docs/certificates.md)`,
  }),
  AADSTS700016: (context) => ({
    problem: `There is no application ${context.clientId} in tenant ${context.tenantId}`,
    fix: `compare microsoft.clientId with "Application (client) ID" and microsoft.tenantId with "Directory (tenant) ID" on the app registration's Overview page in ${adminCenter(context.authorityHost)}; an app registered in another tenant needs an administrator of this tenant to consent to it first${emulatorNote(context, "compare with the seed file's tenants[].id and applications[].clientId")}`,
  }),
  AADSTS90002: (context) => ({
    problem: `Tenant ${context.tenantId} was not found at ${context.authorityHost}`,
    fix: 'copy the "Tenant ID" from Entra ID > Overview into microsoft.tenantId (a GUID, or a verified domain such as uni.onmicrosoft.com), and check that microsoft.cloud names the cloud the tenant lives in (global, usgov, usgov-dod, china)',
  }),
  AADSTS900023: (context) => ({
    problem: `"${context.tenantId}" is not a tenant ID Microsoft Entra can read`,
    fix: 'microsoft.tenantId must be the Directory (tenant) ID GUID or a verified domain of the tenant',
  }),
  AADSTS65001: (context) => ({
    problem: `Nobody has consented to the permissions of application ${context.clientId}`,
    fix: `application permissions: an administrator clicks "Grant admin consent for <your tenant>" on ${appRegistrationPage(context, 'API permissions')}; delegated permissions: ${reconnect}`,
  }),
  AADSTS50173: () => ({
    problem:
      "The person's sign-in was revoked (their password was changed or reset, or an administrator revoked their sessions)",
    fix: reconnect,
  }),
  AADSTS700082: () => ({
    problem: "The person's sign-in expired after 90 days without use",
    fix: reconnect,
  }),
  AADSTS70008: () => ({
    problem: "The person's sign-in code or refresh token expired",
    fix: reconnect,
  }),
  AADSTS54005: () => ({
    problem: 'The sign-in code was already used (a page reloaded or a link followed twice)',
    fix: reconnect,
  }),
  AADSTS500011: (context) => ({
    problem: `Tenant ${context.tenantId} does not know the resource ${context.graphEndpoint}: the Graph endpoint belongs to another cloud than the tenant`,
    fix: 'set microsoft.cloud to the cloud the tenant lives in (global, usgov, usgov-dod, china) and remove any microsoft.graphEndpoint override that does not belong to it',
  }),
  AADSTS1002012: (context) => ({
    problem: `The token request asked for a scope client credentials do not accept (${context.graphEndpoint}/.default)`,
    fix: 'microsoft.graphEndpoint must be a bare origin such as https://graph.microsoft.com: no path, no /v1.0, no trailing scope',
  }),
  AADSTS7000218: (context) => ({
    problem: `The token request carried neither a certificate assertion nor a client secret for application ${context.clientId}`,
    fix: 'give the application a credential in the configuration: microsoft.certificate {pfx, passwordFile} (docs/certificates.md) or microsoft.clientSecretFile',
  }),
  AADSTS7000229: (context) => ({
    problem: `Application ${context.clientId} has no service principal (enterprise application) in tenant ${context.tenantId}`,
    fix: `an administrator of tenant ${context.tenantId} grants admin consent to the application, which creates it (${appRegistrationPage(context, 'API permissions')})`,
  }),
  AADSTS7000112: (context) => ({
    problem: `Application ${context.clientId} is disabled in tenant ${context.tenantId}`,
    fix: 'Entra ID > Enterprise applications > (the application) > Properties: set "Enabled for users to sign-in?" to Yes',
  }),
  AADSTS53003: (context) => ({
    problem: `A Conditional Access policy blocked the sign-in of application ${context.clientId}`,
    fix: 'find the policy in Entra ID > Monitoring & health > Sign-in logs > Service principal sign-ins (failure reason and policy name), then allow this server (its IP address as a named location) or exclude the workload identity',
  }),
  AADSTS700023: (context) => ({
    problem: `The sign-in assertion was made for another authority than ${context.authorityHost}`,
    fix: "use the authority of the tenant's own cloud (microsoft.cloud) and remove a microsoft.authorityHost override that points elsewhere",
  }),
  AADSTS50049: (context) => ({
    problem: `${context.authorityHost} is not a Microsoft Entra authority`,
    fix: 'remove microsoft.authorityHost, or set it to the sign-in host of your cloud (https://login.microsoftonline.com, .us, or login.chinacloudapi.cn)',
  }),
  AADSTS50011: (context) => ({
    problem: `The redirect URI ${context.redirectUri ?? '(microsoft.redirectUri)'} is not registered on application ${context.clientId}`,
    fix: `add it exactly (scheme, host, port and path) under ${appRegistrationPage(context, 'Authentication > Web > Redirect URIs')}`,
  }),
  AADSTS50027: () => ({
    problem: 'Microsoft Entra could not read the sign-in assertion timetable-sync sent',
    fix: 'run `timetable-sync cert inspect` on the configured certificate; if it reports no problem, report this as a bug with the doctor output',
  }),
};

/** The advice for an AADSTS code, or a general one that still names the code and Entra's words. */
export function aadstsAdvice(code: string | undefined, context: AdviceContext, entraMessage = ''): Advice {
  const entry = code === undefined ? undefined : aadstsTable[code.toUpperCase()];
  if (entry) return entry(context, entraMessage);
  return {
    problem: `Microsoft Entra refused the sign-in${code ? ` (${code})` : ''}: ${firstLine(entraMessage) || 'no reason given'}`,
    fix: code
      ? `look ${code} up at https://login.microsoftonline.com/error?code=${code.replace(/^AADSTS/i, '')}, and check the app registration (${appRegistrationPage(context, 'Overview')})`
      : 'check that this machine reaches the sign-in host, and run the doctor again',
  };
}

/** The codes this table knows (the admin guide's troubleshooting table lists each). */
export const knownAadstsCodes: readonly string[] = Object.keys(aadstsTable);

/** 700027 has three causes Entra tells apart only in its message: unregistered, expired, or a foreign key. */
function certificateRefused(context: AdviceContext, entraMessage: string): Advice {
  const certificate = context.certificate;
  if (/expired/i.test(entraMessage)) {
    return {
      problem: `Microsoft Entra refuses ${certificateName(context)} because it has expired${certificate ? ` (on ${isoSeconds(certificate.notAfter)})` : ''}`,
      fix: `create a new certificate (timetable-sync cert create), register it on ${appRegistrationPage(context, 'Certificates & secrets')}, point microsoft.certificate at it, then remove the expired one (docs/certificates.md, "Rotate without downtime")`,
    };
  }
  if (/signature/i.test(entraMessage) && !/not registered/i.test(entraMessage)) {
    return {
      problem: `The sign-in was signed with a key that does not belong to ${certificateName(context)} registered on application ${context.clientId}`,
      fix: 'configure the private key created together with that certificate (`timetable-sync cert inspect FILE --key KEYFILE` tells whether they match), or register the certificate that belongs to this key',
    };
  }
  const upload = certificate ? `upload ${certificate.upload}` : 'upload the certificate (.cer)';
  return {
    problem: `The certificate used to sign in is not registered on the application: ${certificateName(context)} is not on app registration ${context.clientId}`,
    fix: `${upload} to app registration ${context.clientId} > Certificates & secrets > Certificates > Upload certificate (${adminCenter(context.authorityHost)} > Entra ID > App registrations), or add its keyCredentials entry to the Manifest (\`${certificate?.inspect ?? 'timetable-sync cert inspect FILE'}\` prints it); a new certificate takes a few minutes to reach every sign-in server${emulatorNote(context, `add the contents of ${certificate?.pemFile ?? 'the certificate PEM'} to the application's certificates in the seed file and restart the emulator`)}`,
  };
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').trim();
}
