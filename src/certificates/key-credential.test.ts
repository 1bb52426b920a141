import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from './create-certificate.ts';
import { keyCredentials } from './key-credential.ts';

describe('keyCredentials', () => {
  it('describes the certificate the way Entra stores an uploaded one', async () => {
    const { facts } = await createSelfSignedCertificate({
      subject: 'CN=manifest test',
      keyBits: 2048,
      notBefore: new Date('2026-01-01T08:00:00.000Z'),
      notAfter: new Date('2028-01-01T08:00:00.000Z'),
    });
    const { graph, aadGraph } = keyCredentials(facts);
    const sha1 = createHash('sha1').update(facts.der).digest();
    expect(graph).toEqual({
      customKeyIdentifier: sha1.toString('base64'),
      displayName: 'CN=manifest test',
      startDateTime: '2026-01-01T08:00:00Z',
      endDateTime: '2028-01-01T08:00:00Z',
      keyId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      key: facts.der.toString('base64'),
    });
    const { value, ...rest } = aadGraph;
    const { key, ...graphRest } = graph;
    expect(value).toBe(key);
    expect(rest).toEqual(graphRest);
    expect(keyCredentials(facts).graph.keyId).not.toBe(graph.keyId);
  });
});
