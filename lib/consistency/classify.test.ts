import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalVerdict, classifyProbes, settleRecheck, type KeyProbe, type Verdict } from './classify';
import { englishText, renderTextRef, textRef } from '../i18n/text-ref';

const bytes = (s: string) => new TextEncoder().encode(s);
const probe = (p: Partial<KeyProbe>): KeyProbe => ({ type: 'string', pttl: -1, size: 3, dump: bytes('abc'), ...p });
const none = probe({ type: 'none', pttl: -2, size: 0, dump: null });
/** A verdict with its detail as the English sentence the wire's `detail` carries. */
const inEnglish = (v: Verdict) => (v.kind === 'diff' ? { ...v, detail: englishText(v.detail) } : v);
const detailIn = (v: Verdict, locale: 'en' | 'zh-CN') => (v.kind === 'diff' ? renderTextRef(v.detail, locale) : null);

test('classifyProbes() proves equality only with equal DUMP payloads', () => {
  assert.deepEqual(classifyProbes(probe({}), probe({}), 1000), { kind: 'equal' });
  assert.deepEqual(classifyProbes(probe({ type: 'set' }), probe({ type: 'set', dump: bytes('cba') }), 1000), { kind: 'canonical', type: 'set' });
  assert.deepEqual(classifyProbes(probe({ dump: null, size: 10 ** 6 }), probe({ dump: null, size: 10 ** 6 }), 1000), { kind: 'canonical', type: 'string' });
});

test('classifyProbes() names missing, extra, type and length differences', () => {
  assert.equal((classifyProbes(probe({}), none, 1000) as { cls: string }).cls, 'missingOnReplica');
  assert.equal((classifyProbes(none, probe({}), 1000) as { cls: string }).cls, 'extraOnReplica');
  const t = classifyProbes(probe({ type: 'hash' }), probe({}), 1000);
  assert.deepEqual(inEnglish(t), { kind: 'diff', cls: 'typeMismatch', type: 'hash', detail: 'hash on master, string on replica' });
  const v = classifyProbes(probe({ type: 'list', size: 3 }), probe({ type: 'list', size: 4 }), 1000);
  assert.equal(detailIn(v, 'en'), '3 elements on master, 4 elements on replica');
  assert.equal(detailIn(v, 'zh-CN'), '主节点上为 3 个元素，从节点上为 4 个元素');
  assert.equal(detailIn(classifyProbes(probe({ type: 'hash', size: 2, pttl: 5000 }), none, 1000), 'zh-CN'), 'hash，2 个字段，TTL 5000 毫秒，仅在主节点上');
});

test('classifyProbes() never reports a key about to expire, and tolerates small TTL drift', () => {
  // The replica already hides a key that expires within the tolerance.
  assert.deepEqual(classifyProbes(probe({ pttl: 300 }), none, 1000), { kind: 'equal' });
  assert.deepEqual(classifyProbes(none, probe({ pttl: 10 }), 1000), { kind: 'equal' });
  assert.deepEqual(classifyProbes(probe({ pttl: 50_000 }), probe({ pttl: 49_400 }), 1000), { kind: 'equal' });
  const ttl = classifyProbes(probe({ pttl: 50_000 }), probe({ pttl: 20_000 }), 1000);
  assert.deepEqual(inEnglish(ttl), { kind: 'diff', cls: 'ttlMismatch', type: 'string', detail: 'TTL differs by 30000 ms (master 50000, replica 20000)' });
  assert.equal(detailIn(classifyProbes(probe({}), probe({ pttl: 90_000 }), 1000), 'en'), 'no TTL on master, TTL 90000 ms on replica');
  assert.equal(detailIn(classifyProbes(probe({}), probe({ pttl: 90_000 }), 1000), 'zh-CN'), '主节点上为 无 TTL，从节点上为 TTL 90000 毫秒');
});

test('canonicalVerdict() puts the value difference first and keeps a TTL difference', () => {
  const c = { kind: 'canonical' as const, type: 'hash', ttlDetail: textRef('checkText.ttl', { ms: 5 }) };
  assert.equal(canonicalVerdict(c, null).kind, 'diff');
  assert.equal((canonicalVerdict(c, null) as { cls: string }).cls, 'ttlMismatch');
  const both = canonicalVerdict(c, textRef('checkText.bytesFrom', { index: 3 }));
  assert.equal((both as { cls: string }).cls, 'valueMismatch');
  assert.equal(detailIn(both, 'en'), 'bytes differ from offset 3; also TTL 5 ms');
  assert.equal(detailIn(both, 'zh-CN'), '从偏移 3 起字节不同；另外 TTL 5 毫秒');
  assert.deepEqual(canonicalVerdict({ kind: 'canonical', type: 'set' }, null), { kind: 'equal' });
});

test('settleRecheck(): a replica equal to either master read is consistent', () => {
  const diff = classifyProbes(probe({}), none, 1000);
  assert.deepEqual(settleRecheck(diff, { kind: 'equal' }), { kind: 'equal' });
  assert.deepEqual(settleRecheck({ kind: 'equal' }, diff), { kind: 'equal' });
  assert.deepEqual(settleRecheck(diff, diff), diff);
  assert.deepEqual(settleRecheck(diff, { kind: 'canonical', type: 'set', ttlDetail: textRef('checkText.noTtl') }), { kind: 'canonical', type: 'set' });
});
