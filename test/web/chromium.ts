// Debian's Chromium driven by playwright-core, headless, trusting exactly the emulator's TLS key: its public key
// hash goes in --ignore-certificate-errors-spki-list (certificate checking stays on for everything else).
import { createHash } from 'node:crypto';
import { connect } from 'node:tls';
import { type Browser, chromium } from 'playwright-core';
import type { TestEmulator } from '../support/emulator.ts';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(emulator: TestEmulator): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--ignore-certificate-errors-spki-list=${await serverKeyPin(emulator)}`,
    ],
  });
}

/** base64 SHA-256 of the emulator's server certificate's SubjectPublicKeyInfo, read over a verified connection. */
async function serverKeyPin(emulator: TestEmulator): Promise<string> {
  const url = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), ca: emulator.emulator.caPem }, () => {
      const certificate = socket.getPeerX509Certificate();
      socket.end();
      if (!certificate) {
        reject(new Error('the emulator sent no certificate'));
        return;
      }
      const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
      resolve(createHash('sha256').update(spki).digest('base64'));
    });
    socket.on('error', reject);
  });
}
