// Composition root: config → monitor → HTTP API + Next + socket.io → listen. Used by main.ts,
// the demo and the tests, so all three run the same server.
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveTopologyNode } from '../lib/actions/node-address';
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
import { reportCheckVerdicts } from './consistency/check-findings';
import { CheckService } from './consistency/check-service';
import { CheckStore } from './consistency/check-store';
import { netCheckRoutes } from './http/netcheck.routes';
import { NetCheckService } from './network/net-check-service';
import { DiagnosisService } from './diagnosis/diagnosis-service';
import { DrillService } from './drills/drill-service';
import { drillRoutes } from './http/drills.routes';
import { Sandbox } from './sandbox';
import type { ClusterSandbox } from './sandbox/cluster-sandbox';
import { proxyAliases } from './sandbox/faults';
import { HeartbeatService } from './heartbeat/heartbeat-service';
import { HistoryService } from './history/history-service';
import { attachReports } from './reports/attach-reports';
import { checkRoutes } from './http/checks.routes';
import { ClusterService } from './cluster/cluster-service';
import { IncidentService } from './incidents/incident-service';
import { logger, rootLogger } from './logger';
import { Monitor } from './monitor/monitor';
import { attachRealtime } from './realtime/socket-gateway';
import { SentinelService } from './sentinel/sentinel-service';
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
  sandbox?: Sandbox | ClusterSandbox;
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
  sentinels: SentinelService;
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

type Services = ReturnType<typeof buildServices>;

/** Every domain module, constructed and connected to the others; nothing started yet. */
function buildServices(config: Config, opts: StartOptions) {
  const db = openDatabase(config.dataDir);
  const auth = new AuthService(config, db);
  const pool = new NodePool(config);
  const monitor = new Monitor(config, pool, new NodeMemoryStore(db));
  monitor.addAliases(config.discovery.aliases);
  // Redis Cluster: members found with CLUSTER SHARDS are polled too; the model rides on the topology.
  new ClusterService(monitor, pool, { refreshMs: Math.max(2000, config.poll.intervalMs * 3) });
  // Replicas of the sandbox replicate through fault proxies: those addresses are their upstreams.
  if (opts.sandbox instanceof Sandbox) monitor.addAliases(Object.fromEntries(proxyAliases(opts.sandbox)));
  const history = new HistoryService(db, config.history.rollups);
  const incidentStore = new IncidentStore(db);
  const incidents = new IncidentService(incidentStore);
  monitor.on('topology-event', (e) => incidents.recordTopologyEvent(e));
  // sentinel:// seeds: Sentinel names the nodes, its groups join the topology, its events the timeline.
  const sentinels = new SentinelService(config, config.sentinelSeeds ?? [], { canonical: monitor.canonical, addNodes: (ids) => monitor.addNodes(ids) });
  if (sentinels.isEnabled) monitor.useTopologyExtras(() => sentinels.model());
  sentinels.on('event', (e) => monitor.recordEvent(e));
  const diagnosis = new DiagnosisService(config, monitor, incidents, incidentStore);
  const alerts = new WebhookDispatcher(db, config.alerts.webhooks);
  alerts.attach(incidents);
  const logs = LogService.fromConfig(config, monitor.canonical);
  diagnosis.useLogs((since) => logs.recentEvidence(since));
  incidents.useLogs((nodes, t, windowMs) => logs.around(nodes, t, windowMs, 200));
  const actions = new ActionService({
    db,
    config,
    monitor,
    credentialsFor: (id) => pool.credentialsFor(id),
    incidents,
    ...(sentinels.isEnabled ? { sentinel: sentinels } : {}),
  });
  const drills = new DrillService({ db, monitor, incidents, actions, sandbox: opts.sandbox });
  const checks = new CheckService(monitor, pool, config.consistency, config.heartbeat?.key ?? 'replicaops:heartbeat', new CheckStore(db));
  reportCheckVerdicts(checks, diagnosis);
  const heartbeat = config.heartbeat?.enabled
    ? new HeartbeatService(monitor, pool, {
        key: config.heartbeat.key,
        intervalMs: config.heartbeat.intervalMs,
        ttlSeconds: config.heartbeat.ttlSeconds,
        readIntervalMs: config.poll.intervalMs,
        commandTimeoutMs: config.poll.commandTimeoutMs,
      })
    : null;
  const netChecks = new NetCheckService(monitor, pool, config.poll);
  return { db, auth, pool, monitor, incidents, diagnosis, alerts, logs, actions, drills, checks, heartbeat, netChecks, sentinels, history };
}

function buildRouter(config: Config, s: Services): Router {
  const router = new Router((req) => s.auth.identify(req.headers));
  authRoutes(router, s.auth);
  topologyRoutes(router, s.monitor, s.history);
  netCheckRoutes(router, s.netChecks);
  incidentRoutes(router, s.incidents);
  alertRoutes(router, s.alerts);
  metricsRoutes(router, s.monitor, s.incidents);
  // Log ingest is inside the perimeter too: lines only for nodes of the topology.
  logRoutes(router, s.logs, {
    ...config.logIngest,
    resolveNode: (raw) => resolveTopologyNode(s.monitor.snapshot().topology, s.monitor.canonical, raw),
  });
  actionRoutes(router, s.actions);
  drillRoutes(router, s.drills);
  checkRoutes(router, s.checks);
  return router;
}

interface NextUi {
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
  close: () => Promise<void>;
}

async function loadNext(config: Config, opts: StartOptions): Promise<NextUi | null> {
  if (opts.withUi === false) return null;
  const { default: next } = await import('next');
  const app = next({ dev: Boolean(opts.dev), dir: projectDir, hostname: config.host, port: config.port });
  await app.prepare();
  return { handle: app.getRequestHandler(), upgrade: app.getUpgradeHandler(), close: () => app.close() };
}

/** Host/Origin allow-lists first, then the API, then (behind the login when auth is on) the Next pages. */
function createHttpServer(router: Router, auth: AuthService, ui: NextUi | null, guard: HostGuard): HttpServer {
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
        if (ui) {
          guard.pageNonce(req, res);
          return ui.handle(req, res);
        }
        sendError(res, 'not_found', 'the UI is not served by this instance');
      })
      .catch((err: unknown) => {
        log.error({ err }, 'unhandled request error');
        if (!res.headersSent) sendError(res, 'internal', 'internal error; see the server log');
      });
  });
  httpServer.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/socket.io')) return; // socket.io's own listener takes it
    if (ui && guard.allowsSocket(req)) void ui.upgrade(req, socket, head);
    else socket.destroy();
  });
  return httpServer;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  rootLogger.level = config.logLevel;
  const s = buildServices(config, opts);
  const { db, auth, pool, monitor, incidents, diagnosis, alerts, logs, actions, drills, checks, heartbeat, sentinels, history } = s;
  // Diagnosis hears each cycle before the gateway does (it was subscribed first all along).
  diagnosis.start();
  const router = buildRouter(config, s);
  // Rollups of every cycle, the health reports and their schedule.
  const reporting = attachReports(router, { db, config, monitor, history, heartbeat, logs });
  const ui = await loadNext(config, opts);
  // Host/Origin allow-lists and security headers for every request: API, pages, socket.io.
  const guard = new HostGuard({ publicUrls: config.server.publicUrl, bindHost: config.host, dev: Boolean(opts.dev) });
  const httpServer = createHttpServer(router, auth, ui, guard);
  attachRealtime(httpServer, monitor, { incidents, auth, logs, actions, checks, heartbeat, drills, guard });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  guard.listening(port);
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host === '127.0.0.1' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  monitor.start();
  sentinels.start();
  logs.start();
  heartbeat?.start();
  checks.start();
  log.info({ url, seeds: pool.seeds.map((x) => x.id), pollMs: config.poll.intervalMs, hosts: guard.allowedHosts() }, 'ReplicaOps listening');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await drills.stop();
      await actions.stop();
      await checks.stop();
      await heartbeat?.stop();
      diagnosis.stop();
      await logs.stop();
      await sentinels.stop();
      await monitor.stop();
      await reporting.stop();
      pool.closeAll();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await ui?.close();
      await alerts.stop();
      db.close();
    })());
  return { url, port, monitor, history, incidents, diagnosis, logs, actions, checks, drills, heartbeat, sentinels, auth, db, router, httpServer, stop };
}
