// sentinel:// seeds in the environment and the config file (server/config.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config';
import { sentinelCredentials } from './sentinel-service';
import type { SentinelSeed } from './sentinel-url';

function firstSeed(c: Config): SentinelSeed {
  const seed = c.sentinelSeeds?.[0];
  assert.ok(seed, 'a sentinel seed');
  return seed;
}

test('REPLICAOPS_SEEDS takes a sentinel:// seed beside redis:// ones, commas and all', () => {
  const c = loadConfig({ REPLICAOPS_SEEDS: 'redis://a:1,sentinel://:pw@s1:26379,s2:26380/orders' });
  assert.deepEqual(c.topology.seeds, ['redis://a:1']);
  assert.equal(c.sentinelSeeds?.length, 1);
  assert.deepEqual(c.sentinelSeeds?.[0]?.addresses.map((a) => a.id), ['s1:26379', 's2:26380']);
  assert.deepEqual(c.sentinelSeeds?.[0]?.masterNames, ['orders']);
  assert.equal(c.sentinelSeeds?.[0]?.password, 'pw');
});

test('the config file takes sentinel seeds and separate Sentinel credentials', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-config-'));
  const file = path.join(dir, 'c.yaml');
  writeFileSync(file, 'topology:\n  seeds: ["sentinel://10.0.0.5:26379/cache"]\n  sentinelUsername: watcher\n  sentinelPassword: s3cret\n');
  const c = loadConfig({ REPLICAOPS_CONFIG: file });
  assert.deepEqual(c.topology.seeds, []);
  assert.equal(c.topology.sentinelUsername, 'watcher');
  assert.deepEqual(c.sentinelSeeds?.[0]?.masterNames, ['cache']);
});

test('a malformed sentinel seed stops start-up with one line, without the password', () => {
  assert.throws(
    () => loadConfig({ REPLICAOPS_SEEDS: 'sentinel://:hunter2@host:99999/m' }),
    (e: unknown) => e instanceof ConfigError && /sentinel seed 1: port 99999 is out of range/.test(e.message) && !e.message.includes('hunter2'),
  );
  assert.throws(() => loadConfig({ REPLICAOPS_SEEDS: 'sentinal://host:1/m' }), ConfigError);
});

test('sentinels:// turns TLS on for the Sentinels and keeps the CA of topology.sentinelTls', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-config-'));
  const ca = path.join(dir, 'ca.pem');
  writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
  const file = path.join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ topology: { seeds: ['sentinels://:pw@s1:26379,s2/cache', 'redis://a:1'], sentinelTls: { caFile: ca, servername: 'sentinel.internal' } } }));
  const c = loadConfig({ REPLICAOPS_CONFIG: file });
  const seed = firstSeed(c);
  assert.equal(seed.tls, true);
  assert.deepEqual(sentinelCredentials(c, seed), { password: 'pw', tls: { caFile: ca, servername: 'sentinel.internal', rejectUnauthorized: true } });
  // Plain sentinel:// with sentinelTls set: TLS by the config; without either: no TLS at all.
  assert.deepEqual(sentinelCredentials(c, { ...seed, tls: undefined }).tls, { caFile: ca, servername: 'sentinel.internal', rejectUnauthorized: true });
  const plain = loadConfig({ REPLICAOPS_SEEDS: 'sentinel://s1/cache' });
  assert.equal(sentinelCredentials(plain, firstSeed(plain)).tls, undefined);
  const secure = loadConfig({ REPLICAOPS_SEEDS: 'sentinels://s1/cache' });
  assert.equal(sentinelCredentials(secure, firstSeed(secure)).tls, true);
  writeFileSync(file, JSON.stringify({ topology: { sentinelTls: { caFile: path.join(dir, 'missing.pem') } } }));
  assert.throws(() => loadConfig({ REPLICAOPS_CONFIG: file }), /config\.topology\.sentinelTls\.caFile: cannot read/);
});
