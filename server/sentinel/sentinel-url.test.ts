import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSentinelSeed, splitSeedList } from './sentinel-url';

test('parseSentinelSeed() reads hosts, credentials and master names', () => {
  const s = parseSentinelSeed('sentinel://ops:s%40cret@10.0.0.1:26379,10.0.0.2,[::1]:5000/orders,cache');
  assert.deepEqual(s.addresses.map((a) => a.id), ['10.0.0.1:26379', '10.0.0.2:26379', '[::1]:5000']);
  assert.deepEqual(s.masterNames, ['orders', 'cache']);
  assert.equal(s.username, 'ops');
  assert.equal(s.password, 's@cret');
});

test('parseSentinelSeed() without a name follows every master; a password alone is fine', () => {
  const s = parseSentinelSeed('sentinel://:pw@127.0.0.1:26379');
  assert.deepEqual(s.masterNames, []);
  assert.equal(s.username, undefined);
  assert.equal(s.password, 'pw');
});

test('parseSentinelSeed() refuses what is not a Sentinel address', () => {
  assert.throws(() => parseSentinelSeed('redis://127.0.0.1:6379'), /expected sentinel:\/\//);
  assert.throws(() => parseSentinelSeed('sentinel://host:99999/m'), /out of range/);
  assert.throws(() => parseSentinelSeed('sentinel://host:12:13/m'), /not host:port/);
});

test('splitSeedList() keeps the commas of a sentinel:// seed', () => {
  assert.deepEqual(splitSeedList('redis://a:1, sentinel://b:2,c:3/m,n ,redis://d:4'), [
    'redis://a:1',
    'sentinel://b:2,c:3/m,n',
    'redis://d:4',
  ]);
});
