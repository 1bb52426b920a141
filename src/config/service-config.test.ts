import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from './config-error.ts';
import { parseConfigText } from './load-config.ts';

function parse(rest: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tts-service-config-'));
  writeFileSync(join(dir, 'secret'), 's3cr3t\n');
  writeFileSync(join(dir, 'timetable.json'), '{}');
  const yaml = `
microsoft: {tenantId: uni.onmicrosoft.com, clientId: 0b7e9d1a-2c3f-4e5a-8b6c-7d8e9f0a1b2c, clientSecretFile: secret}
source: {type: json, path: timetable.json}
${rest}`;
  return parseConfigText(yaml, { file: join(dir, 'timetable-sync.yaml'), env });
}

describe('the service section and the database schema', () => {
  it('has defaults a university can run with', () => {
    expect(parse('').service).toEqual({
      syncIntervalMinutes: 60,
      workers: 4,
      throttleDeferSeconds: 5,
      shutdownTimeoutSeconds: 30,
      jobHeartbeatSeconds: 30,
      monitorIntervalSeconds: 30,
      pollingIntervalSeconds: 2,
      startupWaitSeconds: 120,
      keepHistoryDays: 30,
      keepUnchangedRunsHours: 48,
    });
  });

  it('keeps the store’s schema, also when DATABASE_URL replaces the database', () => {
    expect(parse('database: {url: "postgres://db/tts", schema: tts_prod}').database).toEqual({
      kind: 'postgres',
      url: 'postgres://db/tts',
      schema: 'tts_prod',
    });
    const env = { DATABASE_URL: 'postgres://other/tts' };
    expect(parse('database: {dataDir: ./data, schema: tts_prod}', env).database).toMatchObject({
      url: 'postgres://other/tts',
      schema: 'tts_prod',
    });
  });

  it('names what is wrong', () => {
    const problems = (rest: string) => {
      try {
        parse(rest);
        return [];
      } catch (error) {
        return (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
      }
    };
    expect(problems('service: {jobHeartbeatSeconds: 5, workers: 0}')).toEqual([
      'service.workers: must be at least 1 (got 0)',
      'service.jobHeartbeatSeconds: must be at least 10 (pg-boss) (got 5)',
    ]);
    expect(problems('database: {schema: Prod-1}')).toHaveLength(1);
    expect(problems('service: {interval: 5}')).toEqual(['service.interval: unknown key']);
  });
});
