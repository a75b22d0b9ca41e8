import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DICTIONARIES, translate, type MessageKey, type MessageParams } from '@/lib/i18n';
import { driverErrorText, eventChangeText, ruleText, snapshotValueText } from './code-labels';

const zh = (key: MessageKey, params?: MessageParams) => translate(DICTIONARIES['zh-CN'], key, params, 'zh-CN');
const en = (key: MessageKey, params?: MessageParams) => translate(DICTIONARIES.en, key, params, 'en');

test('driver errors read in Chinese on a Chinese page; English pages keep the original wording', () => {
  assert.equal(driverErrorText('Connection is closed.', zh, 'zh-CN'), '连接已关闭');
  assert.equal(driverErrorText('connect ECONNREFUSED 127.0.0.1:45210', zh, 'zh-CN'), '连接被拒绝');
  assert.equal(driverErrorText('Connection is closed.', en, 'en'), 'Connection is closed.');
  assert.equal(driverErrorText('ERR something new', zh, 'zh-CN'), 'ERR something new');
});

test('a node that became unreachable reads "Connection refused", never "— → refused"', () => {
  const text = eventChangeText({ kind: 'node_unreachable', from: null, to: 'refused' }, en);
  assert.equal(text, 'Connection refused');
  assert.equal(eventChangeText({ kind: 'node_unreachable', from: null, to: 'refused' }, zh), '连接被拒绝');
  assert.equal(eventChangeText({ kind: 'role_changed', from: 'master', to: 'replica' }, en), 'Master → Replica');
  assert.equal(eventChangeText({ kind: 'upstream_changed', from: null, to: '10.0.0.1:6379' }, en), 'now replicates from 10.0.0.1:6379');
  assert.equal(eventChangeText({ kind: 'node_reachable', from: null, to: null }, en), null);
  for (const kind of ['node_added', 'node_removed', 'link_down', 'link_up', 'run_id_changed', 'replid_changed'] as const)
    assert.ok(!(eventChangeText({ kind, from: null, to: null }, en) ?? '').includes('—'), kind);
});

test('snapshot values and rule ids are words, not codes', () => {
  assert.equal(snapshotValueText('role', 'master', zh), '主节点');
  assert.equal(snapshotValueText('reachable', false, zh), '否');
  assert.equal(snapshotValueText('error', 'refused', zh), '连接被拒绝');
  assert.equal(snapshotValueText('status', 'critical', en), 'Critical');
  assert.equal(ruleText('canary_not_seen', zh), '未收到探针');
  assert.equal(ruleText('some_future_rule', zh), 'some_future_rule');
});
