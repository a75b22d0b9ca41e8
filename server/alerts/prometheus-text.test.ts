import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Link, TopologyNode } from '../../lib/contracts';
import { escapeLabelValue, formatValue, renderExposition } from './prometheus-text';
import { replicationFamilies } from './replication-metrics';

test('renderExposition() escapes label values and HELP text as the format requires', () => {
  const text = renderExposition([
    {
      name: 'x_info',
      type: 'gauge',
      help: 'back\\slash\nnew line',
      samples: [{ labels: { v: 'a"b\\c\nd' }, value: 1 }],
    },
  ]);
  assert.equal(
    text,
    '# HELP x_info back\\\\slash\\nnew line\n# TYPE x_info gauge\nx_info{v="a\\"b\\\\c\\nd"} 1\n',
  );
  assert.equal(escapeLabelValue('plain'), 'plain');
  assert.deepEqual([NaN, Infinity, -Infinity, 0.5].map(formatValue), [
    'NaN',
    '+Inf',
    '-Inf',
    '0.5',
  ]);
});

test('renderExposition() refuses names Prometheus would reject, so a bad scrape never ships', () => {
  assert.throws(
    () => renderExposition([{ name: 'bad-name', type: 'gauge', help: '', samples: [] }]),
    /invalid metric name/,
  );
  assert.throws(
    () =>
      renderExposition([
        {
          name: 'ok',
          type: 'gauge',
          help: '',
          samples: [{ labels: { 'bad-label': 'x' }, value: 1 }],
        },
      ]),
    /invalid label name/,
  );
});

const node = (id: string, over: Partial<TopologyNode> = {}): TopologyNode => ({
  id,
  host: id.split(':')[0]!,
  port: Number(id.split(':')[1]),
  role: 'master',
  reachable: true,
  status: 'ok',
  ...over,
});

test('replicationFamilies() labels links by upstream/replica and leaves unknown values out', () => {
  const links: Link[] = [
    {
      upstream: '10.0.0.1:6379',
      replica: '10.0.0.2:6379',
      linkStatus: 'up',
      offsetGapBytes: 42,
      lagSeconds: 1,
      status: 'ok',
    },
    {
      upstream: '10.0.0.1:6379',
      replica: '10.0.0.3:6379',
      linkStatus: 'down',
      offsetGapBytes: null,
      lagSeconds: null,
      status: 'critical',
    },
  ];
  const text = renderExposition(
    replicationFamilies({
      nodes: [
        {
          node: node('10.0.0.1:6379', { offset: 1000, version: '7.2.4' }),
          metrics: null,
          connectedSlaves: 1,
        },
        {
          node: node('10.0.0.3:6379', { reachable: false, role: 'unknown', offset: 5 }),
          metrics: null,
          connectedSlaves: null,
        },
      ],
      links,
      openFindings: [
        { kind: 'link_down', severity: 'critical' },
        { kind: 'link_down', severity: 'critical' },
      ],
      pollCycles: 7,
    }),
  );
  const lines = text.split('\n');
  for (const expected of [
    'redis_up{addr="10.0.0.1:6379"} 1',
    'redis_up{addr="10.0.0.3:6379"} 0',
    'redis_instance_info{addr="10.0.0.1:6379",role="master",redis_version="7.2.4"} 1',
    'redis_master_repl_offset{addr="10.0.0.1:6379"} 1000',
    'redis_master_link_up{addr="10.0.0.2:6379",master_addr="10.0.0.1:6379"} 1',
    'redis_master_link_up{addr="10.0.0.3:6379",master_addr="10.0.0.1:6379"} 0',
    'redis_connected_slave_lag_seconds{addr="10.0.0.1:6379",slave_addr="10.0.0.2:6379"} 1',
    'replicaops_link_offset_gap_bytes{upstream="10.0.0.1:6379",replica="10.0.0.2:6379"} 42',
    'replicaops_link_status{upstream="10.0.0.1:6379",replica="10.0.0.3:6379",status="down"} 1',
    'replicaops_link_status{upstream="10.0.0.1:6379",replica="10.0.0.3:6379",status="up"} 0',
    'replicaops_findings_open{kind="link_down",severity="critical"} 2',
    'replicaops_findings_open{kind="link_down",severity="warning"} 0',
    'replicaops_poll_cycles_total 7',
    'replicaops_nodes 2',
  ])
    assert.ok(lines.includes(expected), `missing: ${expected}`);
  // The unreachable node's stale offset and the down link's unknown gap are absent, not 0.
  assert.ok(!text.includes('redis_master_repl_offset{addr="10.0.0.3:6379"}'));
  assert.doesNotMatch(text, /replicaops_link_offset_gap_bytes\{[^}]*10\.0\.0\.3/);
  assert.doesNotMatch(text, /redis_connected_slave_lag_seconds\{[^}]*10\.0\.0\.3/);
  assert.ok(text.includes('# TYPE redis_replica_resyncs_full gauge'));
});
