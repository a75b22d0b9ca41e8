import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReplicationField, parseReplicaLine } from './field-health';

test('parseReplicaLine() reads ip, port, state, offset and lag and keeps unknown keys', () => {
  assert.deepEqual(parseReplicaLine('ip=127.0.0.1,port=27002,state=online,offset=205,lag=0,x=1'), {
    ip: '127.0.0.1',
    port: 27002,
    state: 'online',
    offset: 205,
    lag: 0,
    extra: { x: '1' },
  });
  assert.equal(parseReplicaLine('garbage'), null);
});

test('checkReplicationField() flags the seed’s abnormal values', () => {
  assert.equal(checkReplicationField('master_link_status', 'down', {})?.status, 'critical');
  assert.equal(checkReplicationField('master_link_status', 'up', {}), null);
  assert.equal(checkReplicationField('slave_read_only', '0', {})?.key, 'health.replicaWritable');
  assert.equal(checkReplicationField('master_sync_in_progress', '1', {})?.status, 'warning');
  assert.equal(
    checkReplicationField('master_link_down_since_seconds', '-1', {})?.key,
    'health.linkNeverUp',
  );
  assert.equal(
    checkReplicationField('slave0', 'ip=a,port=1,state=online,offset=1,lag=11', {})?.status,
    'critical',
  );
  assert.equal(
    checkReplicationField('slave0', 'ip=a,port=1,state=online,offset=1,lag=3', {})?.status,
    'warning',
  );
  assert.equal(
    checkReplicationField('slave0', 'ip=a,port=1,state=wait_bgsave,offset=0,lag=0', {})?.key,
    'health.slaveNotOnline',
  );
  assert.equal(
    checkReplicationField('slave0', 'ip=a,port=1,state=online,offset=1,lag=0', {}),
    null,
  );
});
