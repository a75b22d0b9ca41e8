import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../config';

function withYaml(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'replicaops-config-')), 'c.yaml');
  writeFileSync(file, text);
  return file;
}

test('history rollups, advice and report schedule: defaults, and a bad time named by its field', () => {
  const c = loadConfig({});
  assert.deepEqual(c.history.rollups, {
    minuteRetentionMs: 48 * 3600_000,
    quarterRetentionMs: 30 * 24 * 3600_000,
    flushEveryMs: 60_000,
  });
  assert.equal(c.advice.maxDirectReplicas, 3);
  assert.equal(c.reports.schedule, undefined);
  const s = loadConfig({ REPLICAOPS_CONFIG: withYaml('reports:\n  schedule:\n    at: "07:30"\n') });
  assert.deepEqual(s.reports.schedule, { at: '07:30', periods: ['day'], lang: 'en' });
  assert.throws(
    () => loadConfig({ REPLICAOPS_CONFIG: withYaml('reports:\n  schedule:\n    at: "7h"\n') }),
    (e: unknown) =>
      e instanceof ConfigError && /config\.reports\.schedule\.at: expected HH:MM/.test(e.message),
  );
  assert.throws(
    () =>
      loadConfig({
        REPLICAOPS_CONFIG: withYaml('history:\n  rollups:\n    minuteRetentionMs: 10\n'),
      }),
    (e: unknown) =>
      e instanceof ConfigError && /config\.history\.rollups\.minuteRetentionMs/.test(e.message),
  );
});
