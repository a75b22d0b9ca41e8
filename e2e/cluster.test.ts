// The shard view in a real browser against the production build and a real 6-node cluster.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { startClusterSandbox, type ClusterSandbox } from '../server/sandbox/cluster-sandbox';
import { CHROMIUM, startProductionServer } from './harness';

let cluster: ClusterSandbox;
let server: Awaited<ReturnType<typeof startProductionServer>>;
let browser: Browser;

before(async () => {
  cluster = await startClusterSandbox({ redisServerBin: process.env.REDIS_SERVER_BIN });
  server = await startProductionServer([`redis://${cluster.nodes[0]!.id}`], cluster.nodes.map((n) => [n.id, n.logFile]), {});
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close().catch(() => undefined);
  server?.proc.kill('SIGTERM');
  if (server && server.proc.exitCode === null) await new Promise((r) => server.proc.once('exit', r));
  await cluster?.stop();
});

test('the overview shows 3 shards side by side, each a primary → replica with its link', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cluster-shard"][data-status="ok"]').length === 3, undefined, { timeout: 30_000 });
  const shards = page.locator('[data-testid="cluster-shard"]');
  assert.deepEqual(await shards.evaluateAll((els) => els.map((e) => e.getAttribute('data-shard'))), ['slots-0', 'slots-5461', 'slots-10923']);
  const { primaries, replicas } = await cluster.roles();
  for (let i = 0; i < 3; i++) {
    const shard = shards.nth(i);
    assert.equal(await shard.locator('[data-testid="cluster-member"][data-role="primary"]').count(), 1);
    assert.equal(await shard.locator('[data-testid="cluster-member"][data-role="replica"]').count(), 1);
    const primary = await shard.locator('[data-role="primary"]').getAttribute('data-node');
    assert.ok(primaries.some((p) => cluster.node(p).id === primary));
  }
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cluster-link"]').length === 3);
  assert.equal(await page.locator('[data-testid="cluster-member"][data-role="replica"]').count(), replicas.length);
  // Side by side: the three cards share one row at this width.
  const tops = await shards.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `tops ${tops.join(',')}`);
  await page.context().close();
});
