import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Evidence } from '@/lib/contracts';
import { createFormatters } from '@/lib/i18n';
import {
  deltaFacts,
  evidenceNode,
  formatByUnit,
  metricLabelKey,
  orderEvidence,
  signed,
  thresholdVerdict,
  unitOfMetricName,
} from './evidence-format';

const fmt = createFormatters('en');

test('formatByUnit() renders bytes, rates, seconds, percent and keeps unknown units visible', () => {
  assert.equal(formatByUnit(12288, 'bytes', fmt), '12 KiB');
  assert.equal(formatByUnit(2048, 'B/s', fmt), '2 KiB/s');
  assert.equal(formatByUnit(12, 's', fmt), '12 s');
  assert.equal(formatByUnit(2.5, 'ms', fmt), '2.5 ms');
  assert.equal(formatByUnit(81.25, '%', fmt), '81.3%');
  assert.equal(formatByUnit(1500, undefined, fmt), '1,500');
  assert.equal(formatByUnit(3, 'replicas', fmt), '3 replicas');
  assert.equal(formatByUnit(null, 'bytes', fmt), '—');
});

test('unitOfMetricName() reads the unit from snapshot metric names', () => {
  assert.equal(unitOfMetricName('offsetGapBytes'), 'bytes');
  assert.equal(unitOfMetricName('lagSeconds'), 's');
  assert.equal(unitOfMetricName('memoryPct'), '%');
  assert.equal(unitOfMetricName('downForMs'), 'ms');
  assert.equal(unitOfMetricName('keys'), undefined);
});

test('thresholdVerdict() is inclusive like the seed levels and silent without a threshold', () => {
  assert.equal(thresholdVerdict(10000, 10000), 'over');
  assert.equal(thresholdVerdict(999, 1000), 'within');
  assert.equal(thresholdVerdict(5, undefined), null);
  assert.equal(thresholdVerdict(null, 1000), null);
});

test('deltaFacts() gives the change and its rate; signed() marks growth', () => {
  assert.deepEqual(deltaFacts(3, 9, 60_000), { change: 6, perSecond: 0.1 });
  assert.deepEqual(deltaFacts(3, 9, 0), { change: 6, perSecond: null });
  assert.equal(signed(6, fmt), '+6');
  assert.equal(signed(-2, fmt), '-2');
  assert.equal(signed(0, fmt), '0');
});

test('orderEvidence() puts notes first and keeps the server order otherwise', () => {
  const ev: Evidence[] = [
    {
      type: 'field',
      nodeId: 'a:1',
      section: 'replication',
      field: 'master_link_status',
      value: 'down',
    },
    { type: 'note', text: { en: 'why', zh: '原因' } },
    { type: 'config', nodeId: 'a:1', name: 'repl-timeout', value: '60' },
  ];
  assert.deepEqual(
    orderEvidence(ev).map((e) => e.type),
    ['note', 'field', 'config'],
  );
  assert.equal(evidenceNode(ev[0]!), 'a:1');
  assert.equal(evidenceNode(ev[1]!), null);
});

test('metricLabelKey() names known metrics and leaves unknown ones raw', () => {
  assert.equal(metricLabelKey('lagSeconds'), 'metric.lagSeconds');
  assert.equal(metricLabelKey('somethingNew'), null);
});
