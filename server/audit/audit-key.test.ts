import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { loadAuditKey } from './audit-key';

test('loadAuditKey() creates a 0600 key file once and reads the same key after', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-key-'));
  try {
    const first = loadAuditKey(dir);
    assert.deepEqual([first.source, first.created, first.key.length], ['file', true, 32]);
    assert.equal(statSync(path.join(dir, 'audit.key')).mode & 0o777, 0o600);
    const again = loadAuditKey(dir);
    assert.equal(again.created, false);
    assert.ok(again.key.equals(first.key));
    // A key file others can read is tightened.
    chmodSync(path.join(dir, 'audit.key'), 0o644);
    loadAuditKey(dir);
    assert.equal(statSync(path.join(dir, 'audit.key')).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadAuditKey() prefers REPLICAOPS_AUDIT_KEY and then writes no file; refuses a damaged file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-key-'));
  try {
    const env = loadAuditKey(dir, 'x'.repeat(40));
    assert.equal(env.source, 'env');
    assert.equal(existsSync(path.join(dir, 'audit.key')), false);
    writeFileSync(path.join(dir, 'audit.key'), 'not a key');
    assert.throws(() => loadAuditKey(dir), /64 hex characters/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('REPLICAOPS_AUDIT_KEY shorter than 32 characters stops start-up naming the variable', () => {
  assert.throws(
    () => loadConfig({ REPLICAOPS_AUDIT_KEY: 'short' }),
    /REPLICAOPS_AUDIT_KEY: at least 32/,
  );
  assert.equal(loadConfig({ REPLICAOPS_AUDIT_KEY: 'k'.repeat(32) }).auditKey, 'k'.repeat(32));
  assert.equal(loadConfig({ REPLICAOPS_AUDIT_KEY: '' }).auditKey, undefined);
});
