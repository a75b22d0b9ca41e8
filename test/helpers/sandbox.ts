// Sandboxes for integration tests: started per test, always stopped, even when the test fails.
import type { TestContext } from 'node:test';
import { rootLogger } from '../../server/logger';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../server/sandbox';

// Test output should show failures, not every sandbox start.
rootLogger.level = process.env.LOG_LEVEL ?? 'warn';

/** Options every test sandbox gets; REDIS_SERVER_BIN lets CI point at another build. */
export function testSandboxOptions(options: SandboxOptions = {}): SandboxOptions {
  return { redisServerBin: process.env.REDIS_SERVER_BIN, timeoutMs: 20_000, ...options };
}

/** Starts a sandbox whose stop() is registered with `t.after`, so a failing assert cannot leak it. */
export async function useSandbox(t: TestContext, options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(testSandboxOptions(options));
  t.after(() => sandbox.stop());
  return sandbox;
}

/** Runs `fn` against a fresh sandbox and stops it afterwards, whatever happens. */
export async function withSandbox<T>(
  options: SandboxOptions,
  fn: (sandbox: Sandbox) => Promise<T>,
): Promise<T> {
  const sandbox = await startSandbox(testSandboxOptions(options));
  try {
    return await fn(sandbox);
  } finally {
    await sandbox.stop();
  }
}
