import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CiphertextError, TokenCipher } from './delegated-token-cipher.ts';

describe('TokenCipher', () => {
  const cipher = new TokenCipher(randomBytes(32));

  it('round-trips, with a fresh IV every time', () => {
    const a = cipher.seal('{"RefreshToken":{}}', 'person_token:s1');
    const b = cipher.seal('{"RefreshToken":{}}', 'person_token:s1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('RefreshToken');
    expect(cipher.open(a, 'person_token:s1')).toBe('{"RefreshToken":{}}');
  });

  it('refuses another owner, another key and any change', () => {
    const sealed = cipher.seal('secret', 'person_token:s1');
    expect(() => cipher.open(sealed, 'person_token:s2')).toThrow(CiphertextError);
    expect(() => new TokenCipher(randomBytes(32)).open(sealed, 'person_token:s1')).toThrow(CiphertextError);
    const [version, iv, tag, body] = sealed.split('.');
    const flipped = `${version}.${iv}.${tag}.${(body ?? '').startsWith('A') ? 'B' : 'A'}${(body ?? '').slice(1)}`;
    expect(() => cipher.open(flipped, 'person_token:s1')).toThrow(CiphertextError);
    expect(() => cipher.open('v2.a.b.c', 'person_token:s1')).toThrow(CiphertextError);
  });

  it('takes only 32-byte keys', () => {
    expect(() => new TokenCipher(randomBytes(16))).toThrow(RangeError);
  });
});
