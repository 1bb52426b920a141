// The app credential as the dashboard shows it: the certificate's subject, expiry and what checkCertificate finds
// (expired, expiring within 30 days, weak key), or that a client secret's expiry is only visible in Entra.
import { type CertificateFinding, checkCertificate } from '../certificates/check-certificate.ts';
import { loadClientCertificate } from '../certificates/load-client-certificate.ts';
import { type Config, readSecret } from '../config/index.ts';

export type CredentialStatus =
  | {
      readonly kind: 'certificate';
      readonly subject: string;
      readonly notAfter: string;
      readonly daysLeft: number;
      readonly thumbprint: string;
      readonly findings: readonly CertificateFinding[];
    }
  | { readonly kind: 'secret' }
  | { readonly kind: 'unreadable'; readonly message: string };

export async function credentialStatus(config: Config, now: Date): Promise<CredentialStatus> {
  const credential = config.microsoft.credential;
  if (credential.kind === 'secret') return { kind: 'secret' };
  try {
    const password = credential.password ? await readSecret(credential.password) : undefined;
    const certificate = loadClientCertificate(
      credential.kind === 'pfx'
        ? { pfxPath: credential.pfx, ...(password === undefined ? {} : { password }) }
        : { certPath: credential.cert, keyPath: credential.key, ...(password === undefined ? {} : { password }) },
    );
    const { facts } = certificate;
    return {
      kind: 'certificate',
      subject: facts.subject,
      notAfter: facts.notAfter.toISOString(),
      daysLeft: Math.floor((facts.notAfter.getTime() - now.getTime()) / 86_400_000),
      thumbprint: facts.thumbprints.sha1Hex,
      findings: checkCertificate(facts, now),
    };
  } catch (error) {
    return { kind: 'unreadable', message: (error as Error).message };
  }
}
