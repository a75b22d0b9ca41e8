import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionPlan } from '@/lib/contracts';
import type { Me } from '@/components/hooks/auth-api';
import { canApprove, executeBlockers, hidesExecute } from './confirmation';

const NOW = 1_700_000_000_000;

const plan = (over: Partial<ActionPlan> = {}): ActionPlan => ({
  id: 'plan-abcd',
  action: 'replica.resync',
  target: '127.0.0.1:7002',
  params: {},
  steps: [],
  preflight: [],
  allowed: true,
  destructive: true,
  confirmation: {
    role: 'admin',
    typed: '127.0.0.1:7002',
    reasonRequired: true,
    approvalRequired: false,
  },
  warnings: [],
  createdAt: NOW,
  createdBy: 'alice',
  expiresAt: NOW + 600_000,
  ...over,
});

const me = (role: 'viewer' | 'operator' | 'admin', username = 'alice', readOnly = false): Me => ({
  authEnabled: true,
  readOnly,
  user: { username, role, via: 'session' },
});

const kinds = (p: ActionPlan, m: Me | null, typed = '', reason = '') =>
  executeBlockers(p, m, { typed, reason }, NOW).map((b) => b.kind);

test('executeBlockers() asks for the exact node id and a reason on a destructive plan', () => {
  assert.deepEqual(kinds(plan(), me('admin')), ['typed_mismatch', 'reason_missing']);
  assert.deepEqual(kinds(plan(), me('admin'), '127.0.0.1:700', 'lag'), ['typed_mismatch']);
  assert.deepEqual(kinds(plan(), me('admin'), ' 127.0.0.1:7002 ', 'lag'), []);
  assert.deepEqual(kinds(plan(), me('admin'), '127.0.0.1:7002', '   '), ['reason_missing']);
});

test('executeBlockers() names the role needed and hides the button for a smaller role', () => {
  const b = executeBlockers(plan(), me('operator'), { typed: '', reason: '' }, NOW);
  assert.deepEqual(b, [{ kind: 'role', needed: 'admin', have: 'operator' }]);
  assert.equal(hidesExecute(b), true);
  const op = plan({
    destructive: false,
    confirmation: { role: 'operator', reasonRequired: false, approvalRequired: false },
  });
  assert.deepEqual(kinds(op, me('operator')), []);
  assert.deepEqual(kinds(op, me('viewer')), ['role']);
});

test('executeBlockers() hides the button in read-only mode, even for an admin', () => {
  const b = executeBlockers(plan(), me('admin', 'alice', true), { typed: '', reason: '' }, NOW);
  assert.deepEqual(b, [{ kind: 'read_only' }]);
  assert.equal(hidesExecute(b), true);
});

test('executeBlockers() refuses a failed preflight and an expired plan', () => {
  const p = plan({ allowed: false, expiresAt: NOW - 1 });
  assert.deepEqual(kinds(p, me('admin'), '127.0.0.1:7002', 'x'), ['preflight', 'expired']);
  assert.equal(
    hidesExecute(executeBlockers(p, me('admin'), { typed: '', reason: '' }, NOW)),
    false,
  );
});

test('two-person rule: waiting, then the approver cannot run it but the planner can', () => {
  const c = { role: 'admin' as const, reasonRequired: false, approvalRequired: true };
  const waiting = plan({ destructive: false, confirmation: c });
  assert.deepEqual(kinds(waiting, me('admin', 'alice')), ['approval_pending']);
  assert.equal(canApprove(waiting, me('admin', 'alice'), NOW), false, 'the planner');
  assert.equal(canApprove(waiting, me('admin', 'bob'), NOW), true);
  assert.equal(canApprove(waiting, me('operator', 'carol'), NOW), false);
  const approved = plan({ destructive: false, confirmation: c, approvedBy: 'bob' });
  assert.equal(canApprove(approved, me('admin', 'bob'), NOW), false);
  assert.deepEqual(kinds(approved, me('admin', 'alice')), []);
  assert.deepEqual(kinds(approved, me('admin', 'bob')), ['approver_cannot_run']);
  const asBob = executeBlockers(approved, me('admin', 'bob'), { typed: '', reason: '' }, NOW);
  assert.equal(hidesExecute(asBob), true, 'no input lets the approver run it');
});

test('executeBlockers() waits for /api/auth/me before allowing anything', () => {
  assert.deepEqual(kinds(plan(), null), ['loading']);
});
