import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formParams, paramValues, paramsProblem, rowsToSettings, settingsToRows } from './params';

test('config settings round-trip through editable rows, dropping empty names', () => {
  const rows = settingsToRows({ settings: { 'repl-backlog-size': '64mb' } });
  assert.deepEqual(rows, [{ name: 'repl-backlog-size', value: '64mb' }]);
  assert.deepEqual(settingsToRows({}), [{ name: '', value: '' }]);
  assert.deepEqual(
    rowsToSettings([
      { name: ' Repl-Timeout ', value: ' 60 ' },
      { name: '', value: 'x' },
    ]),
    { 'repl-timeout': '60' },
  );
});

test('paramsProblem() uses the contract: an upstream must be host:port, settings non-empty', () => {
  assert.equal(paramsProblem('replica.reattach', { upstream: '127.0.0.1:7000' }), null);
  assert.match(paramsProblem('replica.reattach', { upstream: 'nope' }) ?? '', /^upstream: /);
  assert.match(paramsProblem('config.apply', { settings: {} }) ?? '', /settings/);
  assert.equal(paramsProblem('replica.resync', {}), null);
});

test('formParams() gives back the params the form was opened with', () => {
  const promote = { repoint: false, force: true, fence: true };
  assert.deepEqual(formParams('replica.promote', paramValues(promote)), promote);
  const reattach = { upstream: '10.0.0.1:6379', allowChain: true };
  assert.deepEqual(formParams('replica.reattach', paramValues(reattach)), reattach);
  assert.deepEqual(formParams('replica.reattach', paramValues({})), { upstream: '' });
  const apply = { settings: { 'repl-timeout': '60' }, rewrite: true };
  assert.deepEqual(formParams('config.apply', paramValues(apply)), apply);
  assert.deepEqual(formParams('replica.resync', paramValues(apply)), {});
});
