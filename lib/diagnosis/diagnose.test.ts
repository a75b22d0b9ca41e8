import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EvidenceSchema, FindingKindSchema, RemedySchema } from '../contracts';
import {
  buildInput,
  configOf,
  editInfo,
  healthyNodes,
  infoText,
  M,
  perSecond,
  R2,
  R3,
} from '../../test/fixtures/diagnosis/build-input';
import { diagnose } from './diagnose';

test('diagnose() finds nothing on a healthy topology built from master.txt / replica.txt', () => {
  assert.deepEqual(diagnose(buildInput({ nodes: healthyNodes() })), []);
});

test('diagnose() with Redis default config raises nothing above info on a healthy topology', () => {
  const found = diagnose(buildInput({ nodes: healthyNodes(configOf('config-defaults.tsv')) }));
  assert.ok(
    found.every((f) => f.severity === 'info'),
    found.map((f) => `${f.key}:${f.severity}`).join(', '),
  );
});

test('diagnose() returns valid, bilingual, evidenced findings, gravest first, one per key', () => {
  const input = buildInput({
    nodes: [
      {
        id: M,
        info: editInfo(infoText('master.txt'), { master_repl_offset: '25205' }),
        config: configOf('config-master-no-persistence.tsv'),
      },
      { id: R2, info: editInfo(infoText('replica-chained.txt'), { slave_read_only: '0' }) },
      { id: R3, info: infoText('replica-link-down.txt') },
    ],
    // R2's gap has held for the last 3 s: lag, not a burst.
    history: { [`${R2} offsetGapBytes`]: perSecond([25000, 25000, 25000, 25000]) },
  });
  const found = diagnose(input);
  const kinds = found.map((f) => f.kind);
  assert.deepEqual(kinds, [
    'link_down',
    'replication_lag',
    'master_no_persistence',
    'replica_writable',
    'config_risk',
    'config_risk',
  ]);
  assert.equal(new Set(found.map((f) => f.key)).size, found.length);
  for (const f of found) {
    FindingKindSchema.parse(f.kind);
    RemedySchema.parse(f.remedy);
    for (const e of f.evidence) EvidenceSchema.parse(e);
    assert.ok(f.evidence.length > 0, `${f.key} has evidence`);
    for (const text of [
      f.title.en,
      f.title.zh,
      f.detail.en,
      f.detail.zh,
      f.remedy.text,
      f.remedy.textZh,
    ]) {
      assert.ok(text.trim().length > 0, `${f.key} has text`);
      assert.doesNotMatch(text, /undefined|NaN|\{id\}/, `${f.key}: ${text}`);
    }
    assert.match(f.title.zh + f.detail.zh, /[\u4e00-\u9fff]/, `${f.key} zh is Chinese`);
  }
});
