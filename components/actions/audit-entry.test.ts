import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry } from '@/lib/contracts';
import { auditCommands, auditNote, auditOutcome } from './audit-entry';

const entry = (kind: AuditEntry['kind'], data: Record<string, unknown>): AuditEntry => ({
  id: 7,
  at: 1,
  kind,
  actor: 'alice',
  role: 'admin',
  action: 'replica.resync',
  target: '127.0.0.1:7002',
  runId: 'run-abcd-1',
  planId: 'plan-abcd-1',
  reason: 'lagging',
  data,
  prevHash: 'a',
  hash: 'b',
});

test('auditOutcome() reads the final state of a finished run and names the other kinds', () => {
  assert.equal(auditOutcome(entry('run.finished', { state: 'rolled_back' })), 'rolled_back');
  assert.equal(auditOutcome(entry('run.finished', { state: 'nonsense' })), 'failed');
  assert.equal(auditOutcome(entry('run.started', {})), 'started');
  assert.equal(auditOutcome(entry('run.refused', { why: 'x' })), 'refused');
  assert.equal(auditOutcome(entry('plan.approved', {})), 'approved');
  assert.equal(auditOutcome(entry('plan.created', { allowed: true })), 'planned');
  assert.equal(
    auditOutcome(entry('plan.created', { refused: { code: 'not_found', why: 'outside' } })),
    'refused',
  );
  assert.equal(
    auditNote(entry('plan.created', { refused: { code: 'not_found', why: 'outside' } })),
    'outside',
  );
});

test('auditCommands() finds the commands of a started, finished or interrupted run', () => {
  const cmds = [
    { nodeId: '127.0.0.1:7002', command: 'CLIENT KILL TYPE master', state: 'ok', result: '1' },
  ];
  assert.deepEqual(auditCommands(entry('run.finished', { commands: cmds })), cmds);
  assert.deepEqual(auditCommands(entry('run.interrupted', { steps: cmds })), cmds);
  assert.deepEqual(auditCommands(entry('run.refused', { why: 'no' })), []);
  assert.deepEqual(auditCommands(entry('run.started', { commands: 'garbage' })), []);
});

test('auditNote() gives the refusal reason or the run error', () => {
  assert.equal(auditNote(entry('run.refused', { why: 'needs admin' })), 'needs admin');
  assert.equal(auditNote(entry('run.finished', { state: 'failed', error: 'timeout' })), 'timeout');
  assert.equal(auditNote(entry('run.finished', { state: 'succeeded' })), null);
});
