import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalFromReply, diffCanonical, diffUnordered, firstDifference, nextStreamId, sameScore } from './canonical-diff';
import { displayBinary } from './key-display';
import { renderTextRef, type TextRef } from '../i18n/text-ref';

const en = (ref: TextRef | null) => ref && renderTextRef(ref, 'en');
const zh = (ref: TextRef | null) => ref && renderTextRef(ref, 'zh-CN');

test('diffUnordered() ignores order and names what differs without values', () => {
  const m = new Map([['a', '1'], ['b', '2'], ['c', '3']]);
  assert.equal(diffUnordered('hash', m, new Map([['c', '3'], ['b', '2'], ['a', '1']])), null);
  const diff = diffUnordered('hash', m, new Map([['a', '1'], ['b', 'changed'], ['d', '4']]));
  assert.equal(
    en(diff),
    '1 fields only on master (e.g. "c"), 1 fields only on replica (e.g. "d"), 1 fields with a different value (e.g. "b")',
  );
  assert.equal(zh(diff), '1 个字段仅在主节点上（例如 "c"）、1 个字段仅在从节点上（例如 "d"）、1 个字段的值不同（例如 "b"）');
  assert.equal(diffUnordered('zset', new Map([['m', '1']]), new Map([['m', '1.0']]), sameScore), null);
});

test('firstDifference() and nextStreamId() for chunked ordered reads', () => {
  assert.equal(firstDifference(['a', 'b'], ['a', 'b']), -1);
  assert.equal(firstDifference(['a', 'b'], ['a', 'x']), 1);
  assert.equal(firstDifference(['a'], ['a', 'b']), 1);
  assert.equal(nextStreamId('1700000000000-5'), '1700000000000-6');
  assert.equal(nextStreamId('5-18446744073709551615'), '6-0');
});

test('canonicalFromReply() + diffCanonical(): a set in another order is equal; a list is not', () => {
  const a = canonicalFromReply('set', ['x', 'y', 'z']);
  const b = canonicalFromReply('set', ['z', 'x', 'y']);
  assert.ok(a && b);
  assert.equal(diffCanonical(a, b), null);
  const l1 = canonicalFromReply('list', ['x', 'y']);
  const l2 = canonicalFromReply('list', ['y', 'x']);
  assert.ok(l1 && l2);
  assert.equal(en(diffCanonical(l1, l2)), 'list element #0 differs');
  assert.equal(zh(diffCanonical(l1, l2)), 'list 第 #0 个元素不同');
  const s1 = canonicalFromReply('string', ['hello']);
  const s2 = canonicalFromReply('string', ['help!']);
  assert.ok(s1 && s2);
  assert.equal(en(diffCanonical(s1, s2)), 'bytes differ from offset 3');
  const x1 = canonicalFromReply('stream', [['1-1', ['f', 'v']]]);
  const x2 = canonicalFromReply('stream', [['1-1', ['f', 'w']]]);
  assert.ok(x1 && x2);
  assert.equal(en(diffCanonical(x1, x2)), 'stream entries differ from entry #0');
  assert.equal(canonicalFromReply('ReJSON-RL', []), null);
});

test('displayBinary() shows UTF-8 keys as is and escapes binary ones', () => {
  assert.equal(displayBinary('user:42'), 'user:42');
  assert.equal(displayBinary('\xe4\xbd\xa0\xe5\xa5\xbd'), '你好');
  assert.equal(displayBinary('a\x00\xff'), 'a\\x00\\xff');
  assert.equal(displayBinary('x'.repeat(300)).length, 201);
});
