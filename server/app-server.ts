// Composition root: config → monitor → HTTP API + Next + socket.io → listen. Used by main.ts,
// the demo and the tests, so all three run the same server.
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canaryCandidates, inconsistencyCandidate } from '../lib/consistency/finding-candidates';
import { ActionService } from './actions/action-service';
import { WebhookDispatcher } from './alerts/webhook-dispatcher';
import { AuthService } from './auth/auth-service';
import type { Config } from './config';
import { actionRoutes } from './http/actions.routes';
import { alertRoutes } from './http/alerts.routes';
import { authRoutes } from './http/auth.routes';
import { metricsRoutes } from './http/metrics.routes';
import { incidentRoutes } from './http/incidents.routes';
import { logRoutes } from './http/logs.routes';
import { LogService } from './logs/log-service';
import { topologyRoutes } from './http/topology.routes';
import { HostGuard } from './http/host-guard';
import { Router } from './http/router';
import { sendError } from './http/respond';
import { CheckService } from './consistency/check-service';
import { CheckStore } from './consistency/check-store';
import { netCheckRoutes } from './http/netcheck.routes';
import { NetCheckService } from './network/net-check-service';
import { DiagnosisService } from './diagnosis/diagnosis-service';
import { DrillService } from './drills/drill-service';
import { drillRoutes } from './http/drills.routes';
import type { Sandbox } from './sandbox';
import { proxyAliases } from './sandbox/faults';
import { HeartbeatService } from './heartbeat/heartbeat-service';
import { HistoryService } from './history/history-service';
import { attachReports } from './reports/attach-reports';
import { checkRoutes } from './http/checks.routes';
import { IncidentService } from './incidents/incident-service';
import { logger, rootLogger } from './logger';
import { Monitor } from './monitor/monitor';
import { attachRealtime } from './realtime/socket-gateway';
import { NodePool } from './redis/node-pool';
import { openDatabase, type Db } from './store/database';
import { IncidentStore } from './store/incident-store';
import { NodeMemoryStore } from './store/node-memory-store';

const log = logger('server');
const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface StartOptions {
  /** Next dev mode (on-demand compile) instead of the production build. */
  dev?: boolean;
  /** API and socket only, no Next (for integration tests that need no pages). */
  withUi?: boolean;
  /** The sandbox this process started (demo): enables drills, and only against it. */
  sandbox?: Sandbox;
}

export interface RunningServer {
  url: string;
  port: number;
  monitor: Monitor;
  incidents: IncidentService;
  diagnosis: DiagnosisService;
  logs: LogService;
  actions: ActionService;
  checks: CheckService;
  drills: DrillService;
  heartbeat: HeartbeatService | null;
  history: HistoryService;
  auth: AuthService;
  db: Db;
  router: Router;
  httpServer: HttpServer;
  stop(): Promise<void>;
}

/** Page requests that need no login: the login page itself and Next's static assets. */
function isPublicPage(pathname: string): boolean {
  return pathname === '/login' || pathname.startsWith('/_next/') || pathname === '/icon.svg' || pathname === '/favicon.ico';
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  rootLogger.level = config.logLevel;
  const db = openDatabase(config.dataDir);
  const auth = new AuthService(config, db);
  const pool = new NodePool(config);
  const monitor = new Monitor(config, pool, new NodeMemoryStore(db));
  monitor.addAliases(config.discovery.aliases);
  const history = new HistoryService(db, config.history.rollups);
  const incidentStore = new IncidentStore(db);
  const incidents = new IncidentService(incidentStore);
  monitor.on('topology-event', (e) => incidents.recordTopologyEvent(e));
  const diagnosis = new DiagnosisService(config, monitor, incidents, incidentStore);
  diagnosis.start();
  const router = new Router((req) => auth.identify(req.headers));
  authRoutes(router, auth);
  topologyRoutes(router, monitor, history);
  netCheckRoutes(router, new NetCheckService(monitor, pool, config.poll));
  incidentRoutes(router, incidents);
  const alerts = new WebhookDispatcher(db, config.alerts.webhooks);
  alerts.attach(incidents);
  alertRoutes(router, alerts);
  metricsRoutes(router, monitor, incidents);
  const logs = LogService.fromConfig(config, monitor.canonical);
  logRoutes(router, logs, config.logIngest);
  diagnosis.useLogs((since) => logs.recentEvidence(since));
  incidents.useLogs((nodes, t, windowMs) => logs.around(nodes, t, windowMs, 200));
  const actions = new ActionService({ db, config, monitor, credentialsFor: (id) => pool.credentialsFor(id), incidents });
  actionRoutes(router, actions);
  const drills = new DrillService({ db, monitor, incidents, actions, sandbox: opts.sandbox });
  drillRoutes(router, drills);
  // Replicas of the sandbox replicate through fault proxies: those addresses are their upstreams.
  if (opts.sandbox) monitor.addAliases(Object.fromEntries(proxyAliases(opts.sandbox)));
  const checks = new CheckService(
    monitor,
    pool,
    config.consistency,
    config.heartbeat?.key ?? 'replicaops:heartbeat',
    new CheckStore(db),
  );
  checkRoutes(router, checks);
  const heartbeat = config.heartbeat?.enabled
    ? new HeartbeatService(monitor, pool, {
        key: config.heartbeat.key,
        intervalMs: config.heartbeat.intervalMs,
        ttlSeconds: config.heartbeat.ttlSeconds,
        readIntervalMs: config.poll.intervalMs,
        commandTimeoutMs: config.poll.commandTimeoutMs,
      })
    : null;
  const reporting = attachReports(router, { db, config, monitor, history, heartbeat, logs });
  // The seed's periodic consistency check (§5.2), done right: a canary every canaryEveryMs.
  const canaryTimer = config.consistency.canaryEveryMs
    ? setInterval(() => {
        try {
          checks.startCanary({});
        } catch (err) {
          // Nothing to check (no reachable master with replicas) or one still running: next time.
          log.debug({ err }, 'scheduled canary skipped');
        }
      }, config.consistency.canaryEveryMs)
    : null;
  canaryTimer?.unref();
  // A finished check is a verdict: differences open data_inconsistency, a clean re-run clears it.
  checks.on('done', (run) => {
    if (run.state !== 'done') return;
    if (run.kind === 'compare') {
      const c = inconsistencyCandidate(run);
      if (c) diagnosis.report(c, 24 * 3600_000);
      else diagnosis.clearReport(`data_inconsistency:${run.params.replica}`);
    } else {
      for (const r of run.report.replicas) diagnosis.clearReport(`replication_lag:canary:${r.replica}`);
      for (const c of canaryCandidates(run)) diagnosis.report(c, 10 * 60_000);
    }
  });

  let nextHandle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  let nextUpgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>) | null = null;
  let closeNext: (() => Promise<void>) | null = null;
  if (opts.withUi !== false) {
    const { default: next } = await import('next');
    const app = next({ dev: Boolean(opts.dev), dir: projectDir, hostname: config.host, port: config.port });
    await app.prepare();
    nextHandle = app.getRequestHandler();
    nextUpgrade = app.getUpgradeHandler();
    closeNext = () => app.close();
  }

  // Host/Origin allow-lists and security headers for every request: API, pages, socket.io.
  const guard = new HostGuard({ publicUrls: config.server.publicUrl, bindHost: config.host, dev: Boolean(opts.dev) });
  const httpServer = createServer((req, res) => {
    if (!guard.admit(req, res)) return;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendError(res, 'bad_request', 'malformed request URL');
    }
    router
      .handle(req, res, url)
      .then((handled) => {
        if (handled) return;
        if (auth.enabled && !isPublicPage(url.pathname) && !auth.identify(req.headers)) {
          res.writeHead(302, { location: `/login?next=${encodeURIComponent(url.pathname + url.search)}` });
          return void res.end();
        }
        if (nextHandle) {
          guard.pageNonce(req, res);
          return nextHandle(req, res);
        }
        sendError(res, 'not_found', 'the UI is not served by this instance');
      })
      .catch((err: unknown) => {
        log.error({ err }, 'unhandled request error');
        if (!res.headersSent) sendError(res, 'internal', 'internal error; see the server log');
      });
  });
  const io = attachRealtime(httpServer, monitor, { incidents, auth, logs, actions, checks, heartbeat, guard });
  drills.on('drill:progress', (p) => io.emit('drill:progress', p));
  drills.on('drill:finished', (r) => io.emit('drill:finished', r));
  httpServer.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/socket.io')) return; // socket.io's own listener takes it
    if (nextUpgrade && guard.allowsSocket(req)) void nextUpgrade(req, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  guard.listening(port);
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host === '127.0.0.1' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  monitor.start();
  logs.start();
  heartbeat?.start();
  log.info({ url, seeds: pool.seeds.map((s) => s.id), pollMs: config.poll.intervalMs, hosts: guard.allowedHosts() }, 'ReplicaOps listening');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (canaryTimer) clearInterval(canaryTimer);
      await drills.stop();
      await actions.stop();
      await checks.stop();
      await heartbeat?.stop();
      diagnosis.stop();
      await logs.stop();
      await monitor.stop();
      await reporting.stop();
      pool.closeAll();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await closeNext?.();
      await alerts.stop();
      db.close();
    })());
  return { url, port, monitor, history, incidents, diagnosis, logs, actions, checks, drills, heartbeat, auth, db, router, httpServer, stop };
}
