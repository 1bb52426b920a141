// Splits PEM text into its blocks (a .pem may hold a certificate, its chain and a key together).

export interface PemBlock {
  /** What follows BEGIN, e.g. `CERTIFICATE`, `PRIVATE KEY`, `RSA PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`. */
  readonly label: string;
  /** The whole block, BEGIN and END lines included, as node:crypto accepts it. */
  readonly text: string;
  /** The base64 body decoded (headers such as `Proc-Type:` skipped). */
  readonly der: Buffer;
}

export function pemBlocks(text: string): readonly PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)) {
    const label = match[1] as string;
    const body = (match[2] as string)
      .split(/\r?\n/)
      .filter((line) => !line.includes(':'))
      .join('');
    blocks.push({ label, text: match[0], der: Buffer.from(body, 'base64') });
  }
  return blocks;
}

export const certificateLabels: readonly string[] = ['CERTIFICATE', 'X509 CERTIFICATE'];

export function isPrivateKeyLabel(label: string): boolean {
  return label.endsWith('PRIVATE KEY');
}
