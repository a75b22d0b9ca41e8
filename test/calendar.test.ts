// The log tests again, in a child process whose clock reads a year ahead: fixtures captured on
// one day must pass on every later day (a retention that judged lines by the time written in
// them once failed every CI run the day after a fixture was captured).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');
const LOG_TESTS = [
  'lib/logs/log-parser.test.ts',
  'lib/logs/log-classifier.test.ts',
  'lib/logs/storm-folder.test.ts',
  'server/logs/log-service.test.ts',
  'test/logs-ingest.test.ts',
  'test/logs-tail.test.ts',
];

// Run as a plain process: inside a test file node sets NODE_TEST_CONTEXT, which would make the
// child report to us over node:test's private channel instead of printing TAP.
const { NODE_TEST_CONTEXT: _ctx, ...childEnv } = process.env;

test('the log tests pass with the clock set a year ahead', { timeout: 170_000 }, () => {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './test/helpers/clock-ahead.ts', '--test', '--test-concurrency=1', '--test-reporter=tap', ...LOG_TESTS],
    { cwd: root, encoding: 'utf8', env: { ...childEnv, NODE_ENV: 'test' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const out = `${r.stdout}\n${r.stderr}`;
  const count = (key: string) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(out)?.[1] ?? -1);
  const failures = out.split('\n').filter((l) => /^\s*not ok /.test(l));
  assert.ok(count('pass') > 40, `the log tests ran (pass ${count('pass')})`);
  assert.equal(count('fail'), 0, `failing a year ahead:\n${failures.join('\n')}`);
  assert.equal(r.status, 0);
  // The preload really moved the clock: a child that prints its year.
  const year = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/helpers/clock-ahead.ts', '-e', 'console.log(new Date().getFullYear() - new Date(Date.now() - 366 * 864e5).getFullYear(), Date.now() - performance.timeOrigin - performance.now() > 300 * 864e5)'], { cwd: root, encoding: 'utf8', env: childEnv });
  assert.match(year.stdout, /true/, `the child's clock is a year ahead: ${year.stdout}${year.stderr}`);
});
