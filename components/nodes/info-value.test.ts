import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFormatters } from '@/lib/i18n';
import { humanInfoValue } from './info-value';

const fmt = createFormatters('en');

test('INFO byte sizes read in binary units: repl_backlog_size 16777216 is 16 MiB', () => {
  assert.equal(humanInfoValue('repl_backlog_size', '16777216', fmt), '16 MiB');
  assert.equal(humanInfoValue('used_memory_rss', '8388608', fmt), '8 MiB');
  assert.equal(humanInfoValue('maxmemory', '0', fmt), null);
  assert.equal(humanInfoValue('used_memory_human', '1.00M', fmt), null);
});

test('INFO offsets are grouped, durations are words, everything else stays as Redis wrote it', () => {
  assert.equal(humanInfoValue('master_repl_offset', '123456789', fmt), '123,456,789');
  assert.equal(humanInfoValue('uptime_in_seconds', '93784', fmt), '1d 2h');
  assert.equal(humanInfoValue('connected_slaves', '2', fmt), null);
  assert.equal(humanInfoValue('role', 'master', fmt), null);
  assert.equal(humanInfoValue('master_link_status', 'up', fmt), null);
});
