import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressiveLimiter, delayAfter, type DelayPolicy } from './login-limiter';

const P: DelayPolicy = { free: 3, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 };

test('delayAfter() is free for the first failures, then doubles up to the cap', () => {
  assert.deepEqual(
    [0, 2, 3, 4, 5, 6, 7, 40].map((n) => delayAfter(n, P)),
    [0, 0, 1000, 2000, 4000, 8000, 8000, 8000],
  );
});

test('ProgressiveLimiter delays after the free failures, and the right answer works once the delay passed', () => {
  const l = new ProgressiveLimiter(P);
  for (let i = 0; i < 3; i++) {
    assert.equal(l.take('ada', i * 5), 0);
    l.failed('ada', i * 5);
  }
  assert.equal(l.take('ada', 500), 510, 'fourth try waits 1 s after the last failure');
  assert.equal(l.take('ada', 1010), 0);
  l.failed('ada', 1020);
  assert.equal(l.take('ada', 1030), 1990, 'the next waits twice as long');
  // No lockout: after the wait a try is allowed, and a success clears the history.
  assert.equal(l.take('ada', 3020), 0);
  l.succeeded('ada', true);
  assert.equal(l.take('ada', 3030), 0);
});

test('ProgressiveLimiter counts a try when it starts, so parallel tries cannot slip past the count', () => {
  const l = new ProgressiveLimiter(P);
  const answers = [1, 2, 3, 4, 5].map(() => l.take('ada', 0));
  assert.deepEqual(
    answers.map((w) => w > 0),
    [false, false, false, true, true],
  );
});

test('a success gives back only its own count when the key is shared (an address)', () => {
  const l = new ProgressiveLimiter(P);
  l.take('10.0.0.1', 0);
  l.failed('10.0.0.1', 0);
  l.take('10.0.0.1', 0);
  l.failed('10.0.0.1', 0);
  l.take('10.0.0.1', 0);
  l.succeeded('10.0.0.1', false);
  assert.equal(l.take('10.0.0.1', 0), 0, 'two failures + this try: still free');
  assert.ok(l.take('10.0.0.1', 0) > 0, 'the fourth counted try waits');
});

test('a key forgets its failures after forgetAfterMs', () => {
  const l = new ProgressiveLimiter(P);
  for (let i = 0; i < 5; i++) l.take('ada', 0);
  assert.ok(l.take('ada', 100) > 0);
  assert.equal(l.take('ada', 60_101), 0);
});
