import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { GENESIS_HASH, rowHash } from '../../lib/actions/hash-chain';
import type { AnchorRead } from './audit-anchor';
import { verifyAuditChain, type ChainRow } from './chain-verify';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const mac = (t: string) => createHmac('sha256', 'k'.repeat(32)).update(t).digest('hex');

/** `n` rows; those from `since` on MACed, the ones before hashed as the old chain was. */
function chain(n: number, since = 1): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const content = { id, prevHash: prev, kind: 'run.started', reason: `r${id}` };
    const hash = rowHash(content, id >= since ? mac : sha);
    rows.push({ ...content, hash });
    prev = hash;
  }
  return rows;
}

const anchorOf = (rows: ChainRow[], since = 1): AnchorRead => {
  const last = rows.at(-1);
  return {
    state: 'ok',
    anchor: {
      since,
      lastId: last?.id ?? 0,
      entries: rows.length,
      head: last?.hash ?? GENESIS_HASH,
      at: 1,
    },
  };
};

const run = (rows: ChainRow[], anchor: AnchorRead, lastIssuedId = rows.at(-1)?.id ?? 0) =>
  verifyAuditChain({ rows, sha256: sha, mac, anchor, lastIssuedId });

test('verifyAuditChain() accepts an intact keyed chain that matches its anchor', () => {
  const rows = chain(4);
  const v = run(rows, anchorOf(rows));
  assert.equal(v.ok, true);
  assert.equal(v.entries, 4);
  assert.equal(v.anchor?.lastId, 4);
});

test('verifyAuditChain() finds a row re-hashed with SHA-256 in the keyed part', () => {
  const rows = chain(4);
  const anchor = anchorOf(rows);
  const forged = { ...rows[1]!, reason: 'forged' };
  const { hash: _old, ...content } = forged;
  rows[1] = { ...forged, hash: rowHash(content, sha) };
  const v = run(rows, anchor);
  assert.equal(v.ok, false);
  assert.equal(v.firstBadId, 2);
});

test('verifyAuditChain() reports removed newest rows as truncatedAfter, even with the mark lowered', () => {
  const rows = chain(5);
  const anchor = anchorOf(rows);
  const v = run(rows.slice(0, 3), anchor, 3);
  assert.equal(v.ok, false);
  assert.equal(v.truncatedAfter, 3);
  assert.equal(v.firstBadId, undefined);
});

test('verifyAuditChain() accepts keyed rows past the anchor (a crash before the anchor was written)', () => {
  const rows = chain(5);
  assert.equal(run(rows, anchorOf(rows.slice(0, 4))).ok, true);
});

test('verifyAuditChain() verifies old SHA-256 rows before `since` and MACs after', () => {
  const rows = chain(5, 4);
  assert.equal(run(rows, anchorOf(rows, 4)).ok, true);
  // The same rows read as keyed from 1 do not verify: the algorithm is fixed by the anchor.
  assert.equal(run(rows, anchorOf(rows, 1)).firstBadId, 1);
});

test('verifyAuditChain() fails without a valid anchor, and after a re-anchoring that lost it', () => {
  const rows = chain(2);
  assert.match(run(rows, { state: 'missing' }).problem ?? '', /missing/);
  assert.equal(run(rows, { state: 'invalid', problem: 'edited' }).problem, 'edited');
  const lost = chain(3);
  lost[2] = { ...lost[2]!, kind: 'audit.key_introduced', data: { anchorMissing: true } };
  const { hash: _h, ...c } = lost[2];
  lost[2] = { ...lost[2], hash: rowHash(c, mac) };
  const v = run(lost, anchorOf(lost));
  assert.equal(v.ok, false);
  assert.equal(v.firstBadId, 3);
});
