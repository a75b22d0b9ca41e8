// The overview in headless Chromium (Debian's, through playwright-core, with the e2e flags):
// first render (navigation → one status cell per node in the DOM), the browser's main-thread
// time per second while the tree is idle (applying deltas and re-rendering), and the time until
// killed nodes' cells turn from OK.
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface OverviewBrowser {
  /** Navigation start → `n` status cells rendered, ms. */
  firstRenderMs: number;
  /** Main-thread task time per second on the idle overview (CDP Performance TaskDuration). */
  idleTaskMsPerSec(seconds: number): Promise<number>;
  /** Resolves with the time (ms after `since`) when every id's cell shows another status than ok. */
  waitNotOk(ids: string[], since: number, timeoutMs: number): Promise<number | null>;
  jsHeapMb(): Promise<number>;
  /** Document height over viewport height: how many screens the overview takes. */
  screens(): Promise<number>;
  close(): Promise<void>;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

export async function openOverview(
  url: string,
  n: number,
  timeoutMs: number,
  /** Called with the page before it navigates (to watch its requests or socket frames). */
  onPage?: (page: Page) => void,
): Promise<OverviewBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page: Page = await context.newPage();
    onPage?.(page);
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(
      // The compact grid above 40 nodes, one card per node below.
      (count) => document.querySelectorAll('[data-testid="status-cell"], [data-testid="topology-node"]').length >= count,
      n,
      { timeout: timeoutMs, polling: 50 },
    );
    const firstRenderMs = Date.now() - t0;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    return {
      firstRenderMs,
      async idleTaskMsPerSec(seconds) {
        const a = await taskSeconds(cdp);
        await new Promise((r) => setTimeout(r, seconds * 1000));
        const b = await taskSeconds(cdp);
        return Math.round(((b - a) * 1000) / seconds);
      },
      async waitNotOk(ids, since, timeout) {
        try {
          await page.waitForFunction(
            (list) =>
              list.every((id) => {
                const el = document.querySelector(`[data-testid="status-cell"][data-node-id="${CSS.escape(id)}"], [data-testid="topology-node"][data-node-id="${CSS.escape(id)}"]`);
                return el !== null && el.getAttribute('data-status') !== 'ok';
              }),
            ids,
            { timeout, polling: 20 },
          );
          return Date.now() - since;
        } catch {
          return null;
        }
      },
      async jsHeapMb() {
        const { metrics } = await cdp.send('Performance.getMetrics');
        return Math.round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6);
      },
      async screens() {
        const r = await page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight);
        return Math.round(r * 100) / 100;
      },
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close().catch(() => undefined);
    throw err;
  }
}
