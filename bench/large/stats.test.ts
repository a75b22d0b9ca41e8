import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  diffCommandStats,
  exposedValue,
  median,
  netOfIdle,
  parseCommandStats,
  parseCpuSeconds,
  parseProcStatTicks,
  parseVmRssBytes,
  percentile,
  totalCommandTime,
} from './stats';

test('percentile is nearest-rank over a sorted list', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(xs, 0.5), 50);
  assert.equal(percentile(xs, 0.95), 95);
  assert.equal(percentile(xs, 1), 100);
  assert.equal(percentile([7], 0.99), 7);
  assert.equal(percentile([], 0.5), 0);
});

const STATS = [
  '# Commandstats',
  'cmdstat_info:calls=12,usec=840,usec_per_call=70.00,rejected_calls=0,failed_calls=0',
  'cmdstat_config|get:calls=2,usec=100,usec_per_call=50.00,rejected_calls=0,failed_calls=0',
  'cmdstat_slowlog|get:calls=1,usec=3,usec_per_call=3.00,rejected_calls=0,failed_calls=0',
].join('\r\n');

test('commandstats parse, sum and difference per command', () => {
  const s = parseCommandStats(STATS);
  assert.deepEqual(s.get('config|get'), { calls: 2, usec: 100 });
  assert.deepEqual(totalCommandTime(s), { calls: 15, usec: 943 });
  const later = parseCommandStats(
    STATS.replace('calls=12,usec=840', 'calls=15,usec=1050') + '\r\ncmdstat_ping:calls=4,usec=4',
  );
  const d = diffCommandStats(s, later);
  assert.deepEqual([...d.keys()].sort(), ['info', 'ping']);
  assert.deepEqual(d.get('info'), { calls: 3, usec: 210 });
});

test('used_cpu_sys + used_cpu_user from INFO cpu', () => {
  const text = '# CPU\r\nused_cpu_sys:1.250000\r\nused_cpu_user:0.750000\r\nused_cpu_sys_children:9\r\n';
  assert.equal(parseCpuSeconds(text), 2);
});

test('/proc stat ticks survive a process name with spaces and parentheses', () => {
  const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
  fields[11] = '120'; // utime (field 14)
  fields[12] = '30'; // stime (field 15)
  assert.equal(parseProcStatTicks(`4242 (node (x) y) ${fields.join(' ')}`), 150);
});

test('VmRSS in bytes, null when the process is gone', () => {
  assert.equal(parseVmRssBytes('Name:\tnode\nVmRSS:\t  204800 kB\n'), 204800 * 1024);
  assert.equal(parseVmRssBytes('Name:\tnode\n'), null);
});

test('an unlabelled exposition sample, not a longer name sharing its prefix', () => {
  const text = '# HELP redis_up x\nredis_up_time 9\nredis_up 1\nredis_exporter_scrapes_total 42\n';
  assert.equal(exposedValue(text, 'redis_up'), 1);
  assert.equal(exposedValue(text, 'redis_exporter_scrapes_total'), 42);
  assert.equal(exposedValue(text, 'missing'), null);
});

test('net of idle: the bench reads seen on the unpolled node come off each command', () => {
  const node = new Map([
    ['info', { calls: 12, usec: 1300 }],
    ['config|get', { calls: 1, usec: 20 }],
  ]);
  const idle = new Map([['info', { calls: 2, usec: 100 }]]);
  const net = netOfIdle(node, idle);
  assert.deepEqual(net.get('info'), { calls: 10, usec: 1200 });
  assert.deepEqual(net.get('config|get'), { calls: 1, usec: 20 });
  assert.equal(netOfIdle(idle, idle).size, 0);
});

test('median of odd and even lists', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), 0);
});
