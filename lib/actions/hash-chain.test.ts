import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GENESIS_HASH, canonicalJson, rowHash, verifyChain } from './hash-chain';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

function chain(n: number) {
  const rows = [];
  let prev = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const content = { id, prevHash: prev, actor: 'ada', data: { b: 1, a: [id] } };
    const hash = rowHash(content, sha);
    rows.push({ ...content, hash });
    prev = hash;
  }
  return rows;
}

test('canonicalJson() sorts keys at every depth and drops undefined', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }),
    '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
  );
});

test('verifyChain() accepts an intact chain and names the edited row', () => {
  const rows = chain(4);
  assert.deepEqual(verifyChain(rows, sha, 4), { ok: true, entries: 4 });
  const edited = rows.map((r) => (r.id === 2 ? { ...r, actor: 'eve' } : r));
  assert.equal(verifyChain(edited, sha).firstBadId, 2);
});

test('verifyChain() finds a row re-hashed after an edit at the next row', () => {
  const rows = chain(4);
  const forged = { ...rows[1]!, actor: 'eve' };
  forged.hash = rowHash({ ...forged, hash: undefined }, sha);
  const v = verifyChain([rows[0]!, forged, rows[2]!, rows[3]!], sha);
  assert.equal(v.firstBadId, 3);
});

test('verifyChain() reports gaps and a truncated end', () => {
  const rows = chain(5);
  assert.equal(verifyChain([rows[0]!, rows[2]!], sha).firstBadId, 3);
  assert.deepEqual(verifyChain(rows.slice(0, 3), sha, 5), {
    ok: false,
    entries: 3,
    firstBadId: 4,
    problem: 'entries 4–5 were deleted',
  });
});
