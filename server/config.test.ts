import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword } from './auth/password';
import { DEFAULT_DIAGNOSIS_SETTINGS } from '../lib/diagnosis/diagnosis-input';
import { DEFAULT_THRESHOLDS } from '../lib/topology/status';
import { ConfigError, loadConfig } from './config';
import { CONSISTENCY_DEFAULTS } from './config-schema';

/** Asserts a ConfigError whose single-line message matches `re`. */
function throwsConfigError(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    assert.match(e.message, re);
    assert.ok(!e.message.includes('\n'), 'message must be one line');
    return true;
  });
}

function withFile(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-config-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

test('loadConfig() applies the documented defaults with an empty environment', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.poll.intervalMs, 1000);
  assert.deepEqual(c.topology.seeds, []);
  assert.equal(c.thresholds.lagWarningSeconds, 2);
  assert.equal(c.thresholds.gapCriticalBytes, 10000);
  assert.equal(c.history.retentionMs, 3600_000);
  assert.equal(c.discovery.forgetAfterMs, 24 * 3600_000);
});

test('an absent section and a partly written one get the same defaults the pure modules use', () => {
  const empty = loadConfig({});
  assert.deepEqual(empty.thresholds, DEFAULT_THRESHOLDS);
  assert.deepEqual(empty.consistency, CONSISTENCY_DEFAULTS);
  assert.deepEqual({ ...empty.diagnosis, openAfterPolls: undefined, closeAfterPolls: undefined }, { ...DEFAULT_DIAGNOSIS_SETTINGS, openAfterPolls: undefined, closeAfterPolls: undefined });
  const partial = loadConfig({ REPLICAOPS_CONFIG: withFile('p.yaml', 'thresholds:\n  lagWarningSeconds: 3\ndiagnosis:\n  openAfterPolls: 4\n') });
  assert.deepEqual(partial.thresholds, { ...DEFAULT_THRESHOLDS, lagWarningSeconds: 3 });
  assert.deepEqual(partial.diagnosis, { ...empty.diagnosis, openAfterPolls: 4 });
});

test('loadConfig() lets env override the config file', () => {
  const file = withFile('c.yaml', 'poll:\n  intervalMs: 5000\ntopology:\n  seeds: ["redis://10.0.0.1:6379"]\n');
  const c = loadConfig({ REPLICAOPS_CONFIG: file, REPLICAOPS_POLL_MS: '250', REPLICAOPS_SEEDS: 'redis://a:1, redis://:pw@b:2' });
  assert.equal(c.poll.intervalMs, 250);
  assert.deepEqual(c.topology.seeds, ['redis://a:1', 'redis://:pw@b:2']);
});

test('a bad value stops start-up with one line naming the field and why', () => {
  throwsConfigError(() => loadConfig({ REPLICAOPS_POLL_MS: '5' }), /^REPLICAOPS_POLL_MS: /);
  throwsConfigError(() => loadConfig({ PORT: 'abc' }), /^PORT: /);
  throwsConfigError(() => loadConfig({ REPLICAOPS_SEEDS: 'http://x:1' }), /^REPLICAOPS_SEEDS\.0: expected redis:\/\//);
  const bad = withFile('c.yaml', 'thresholds:\n  lagWarningSeconds: 20\n  lagCriticalSeconds: 10\n');
  throwsConfigError(() => loadConfig({ REPLICAOPS_CONFIG: bad }), /^config\.thresholds\.lagCriticalSeconds: must be ≥/);
  const typo = withFile('c.json', '{"pol": {"intervalMs": 100}}');
  throwsConfigError(() => loadConfig({ REPLICAOPS_CONFIG: typo }), /^config: Unrecognized key: "pol"/);
  const node = withFile('c.yaml', 'topology:\n  nodes:\n    "not an id": { password: x }\n');
  throwsConfigError(() => loadConfig({ REPLICAOPS_CONFIG: node }), /^config\.topology\.nodes/);
});

test('an unreadable or malformed config file is reported, not thrown raw', () => {
  throwsConfigError(() => loadConfig({ REPLICAOPS_CONFIG: '/nonexistent/x.yaml' }), /^REPLICAOPS_CONFIG: cannot read/);
  const broken = withFile('c.yaml', 'poll: [\n');
  throwsConfigError(() => loadConfig({ REPLICAOPS_CONFIG: broken }), /^REPLICAOPS_CONFIG: .* is not valid YAML/);
});

test('a non-loopback HOST without users refuses to start and says why', () => {
  throwsConfigError(() => loadConfig({ HOST: '0.0.0.0' }), /^HOST: 0\.0\.0\.0 is not a loopback address and no auth\.users/);
  const file = withFile(
    'c.yaml',
    'auth:\n  users:\n    - { username: ann, role: admin, passwordHash: "scrypt$16384$8$1$c2FsdA==$aGFzaA==" }\n',
  );
  assert.equal(loadConfig({ HOST: '0.0.0.0', REPLICAOPS_CONFIG: file, REPLICAOPS_PUBLIC_URL: 'https://ops.example.com' }).auth?.users[0]?.username, 'ann');
  throwsConfigError(() => loadConfig({ REPLICAOPS_CONFIG: withFile('c.yaml', 'auth:\n  users:\n    - { username: ann, role: admin, passwordHash: plain }\n') }), /^config\.auth\.users\.0\.passwordHash: expected the output of npm run hash-password/);
});

test('server.publicUrl: origins from the file or REPLICAOPS_PUBLIC_URL; required off loopback', () => {
  assert.deepEqual(loadConfig({}).server.publicUrl, []);
  const one = withFile('c.yaml', 'server:\n  publicUrl: https://Ops.Example.com/\n');
  assert.deepEqual(loadConfig({ REPLICAOPS_CONFIG: one }).server.publicUrl, ['https://ops.example.com']);
  const env = loadConfig({ REPLICAOPS_PUBLIC_URL: 'http://10.0.0.5:3000, https://ops.example.com:443' }).server.publicUrl;
  assert.deepEqual(env, ['http://10.0.0.5:3000', 'https://ops.example.com']);
  throwsConfigError(() => loadConfig({ REPLICAOPS_PUBLIC_URL: 'https://ops.example.com/dashboard' }), /^REPLICAOPS_PUBLIC_URL\.0: expected only scheme, host and port/);
  throwsConfigError(() => loadConfig({ REPLICAOPS_PUBLIC_URL: 'ftp://x' }), /^REPLICAOPS_PUBLIC_URL\.0: expected an http\(s\) URL/);
  const users = withFile(
    'c.yaml',
    'auth:\n  users:\n    - { username: ann, role: admin, passwordHash: "scrypt$16384$8$1$c2FsdA==$aGFzaA==" }\n',
  );
  throwsConfigError(() => loadConfig({ HOST: '0.0.0.0', REPLICAOPS_CONFIG: users }), /^REPLICAOPS_PUBLIC_URL: HOST 0\.0\.0\.0 is not loopback/);
});

test('REPLICAOPS_READ_ONLY turns read-only mode on', () => {
  assert.equal(loadConfig({}).readOnly, false);
  assert.equal(loadConfig({ REPLICAOPS_READ_ONLY: '1' }).readOnly, true);
});

test('discovery.aliases maps a reported address to the one to poll, and rejects loops and chains', () => {
  const ok = withFile('c.yaml', 'discovery:\n  aliases:\n    "172.17.0.2:6379": "127.0.0.1:7001"\n');
  assert.deepEqual(loadConfig({ REPLICAOPS_CONFIG: ok }).discovery.aliases, { '172.17.0.2:6379': '127.0.0.1:7001' });
  assert.deepEqual(loadConfig({}).discovery.aliases, {});
  const self = withFile('c.yaml', 'discovery:\n  aliases:\n    "10.0.0.1:6379": "10.0.0.1:6379"\n');
  throwsConfigError(() => loadConfig({ REPLICAOPS_CONFIG: self }), /^config\.discovery\.aliases: an alias cannot point at itself/);
  const chain = withFile('c.yaml', 'discovery:\n  aliases:\n    "a:1": "b:2"\n    "b:2": "c:3"\n');
  throwsConfigError(() => loadConfig({ REPLICAOPS_CONFIG: chain }), /^config\.discovery\.aliases: an alias target cannot be an alias/);
  const bad = withFile('c.yaml', 'discovery:\n  aliases:\n    "nohost": "127.0.0.1:7001"\n');
  throwsConfigError(() => loadConfig({ REPLICAOPS_CONFIG: bad }), /^config\.discovery\.aliases/);
});

test('every YAML example in docs/configuration.md loads as it is written', async () => {
  const md = readFileSync(path.join(import.meta.dirname, '..', 'docs', 'configuration.md'), 'utf8');
  const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  assert.ok(blocks.length >= 4, `found ${blocks.length} YAML blocks`);
  // The docs show password hashes as placeholders; a real one takes their place here.
  const hash = await hashPassword('docs-example', 1024);
  for (const [i, block] of blocks.entries()) {
    const file = withFile(`docs-${i}.yaml`, block.replaceAll('scrypt$16384$8$1$…$…', hash));
    assert.doesNotThrow(() => loadConfig({ REPLICAOPS_CONFIG: file }), `block ${i}:\n${block}`);
  }
});
