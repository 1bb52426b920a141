import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';

describe('emulator start-up', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it('serves HTTPS that a client trusting only the written CA file accepts', async () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await emulator.fetch(`${emulator.url}/v1.0/me`);
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});
