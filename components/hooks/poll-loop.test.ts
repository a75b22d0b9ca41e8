import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pollLoop } from './poll-loop';

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 1));
};

test('pollLoop() never overlaps ticks and stops when a tick answers false', async () => {
  let running = 0;
  let maxRunning = 0;
  let ticks = 0;
  pollLoop(async () => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((r) => setTimeout(r, 3));
    running--;
    ticks++;
    return ticks < 3;
  }, 0);
  await until(() => ticks === 3);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(ticks, 3);
  assert.equal(maxRunning, 1);
});

test('pollLoop() cleanup aborts the tick in flight and schedules no other', async () => {
  let ticks = 0;
  let aborted = false;
  const stop = pollLoop(async (signal) => {
    ticks++;
    await new Promise((r) => setTimeout(r, 5));
    aborted = signal.aborted;
  }, 0);
  stop();
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(ticks, 1);
  assert.equal(aborted, true);
});
