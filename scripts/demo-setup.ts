// What both demos (replication tree and Cluster) set up alike: the config for a fresh data dir,
// a generated admin password, and a Ctrl-C that stops everything they started.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword } from '../server/auth/password';
import { loadConfig, type Config } from '../server/config';

/** The demo's config over the environment, seeded with `seeds`. */
export function demoConfig(seeds: string): Config {
  return loadConfig({
    // The demo talks to a person: warnings and errors only, unless asked otherwise.
    LOG_LEVEL: 'warn',
    ...process.env,
    REPLICAOPS_SEEDS: seeds,
    // A fresh store per run: the sandbox's ports change every time, so yesterday's nodes would
    // only show up as dead ones. Set REPLICAOPS_DATA_DIR to keep incidents across demo runs.
    REPLICAOPS_DATA_DIR:
      process.env.REPLICAOPS_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'replicaops-demo-')),
  });
}

/**
 * A fresh admin password each run (the demo shows the product with its guards on); returns it
 * to print. `--no-auth` or a config file of your own leaves authentication as configured.
 */
export async function demoAdmin(config: Config, noAuth: boolean): Promise<string | null> {
  if (config.auth || noAuth) return null;
  const password = randomBytes(9).toString('base64url');
  config.auth = {
    users: [{ username: 'admin', role: 'admin', passwordHash: await hashPassword(password) }],
    tokens: [],
    sessionTtlMs: 12 * 3600_000,
    sessionsSurviveRestart: true,
    approval: [],
  };
  return password;
}

/** Ctrl-C (or SIGTERM) runs `stop` once, then exits. */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping…\n');
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
