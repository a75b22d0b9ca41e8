// `npm start` / `npm run dev`: read config, start, stop gracefully on SIGINT/SIGTERM.
import { ConfigError, loadConfig } from './config';
import { startServer } from './app-server';
import { tuneHeap } from './heap-tuning';
import { logger } from './logger';

const log = logger('main');

async function main(): Promise<void> {
  tuneHeap();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`replicaops: config error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const dev = process.argv.includes('--dev');
  const server = await startServer(config, { dev });
  if (!server.auth.enabled) {
    // Off is only allowed on loopback (config.ts refuses otherwise), but anyone with a shell or a
    // browser on this host is then an admin: say so where the operator looks first.
    log.warn(
      { host: config.host, port: server.port },
      'authentication is OFF: every request from this host acts as an admin (add auth.users to the config file; see docs/configuration.md)',
    );
  }
  process.stdout.write(`ReplicaOps dashboard: ${server.url}\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'failed to start');
  process.exit(1);
});
