// Adapts domain events to socket.io: a snapshot on connect, compact deltas as the topology changes,
// per-node samples only to the clients watching that node. Every socket event goes out here.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import {
  NodeWatchPayloadSchema,
  SOCKET_PATH,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../lib/contracts';
import { logger } from '../logger';
import type { ActionEvents, ActionService } from '../actions/action-service';
import type { AuthService } from '../auth/auth-service';
import type { CheckService, CheckServiceEvents } from '../consistency/check-service';
import type { DrillService, DrillServiceEvents } from '../drills/drill-service';
import type { HostGuard } from '../http/host-guard';
import type { HeartbeatEvents, HeartbeatService } from '../heartbeat/heartbeat-service';
import type { IncidentEvents, IncidentService } from '../incidents/incident-service';
import type { LogLinesEvent } from '../../lib/contracts';
import type { LogService, LogServiceEvents } from '../logs/log-service';
import type { Monitor, MonitorEvents } from '../monitor/monitor';
import { topologyDeltas } from './topology-deltas';

const log = logger('realtime');
const room = (nodeId: string) => `node:${nodeId}`;
const LOG_FLUSH_MS = 250;

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** A client may send anything where the ack goes; only a function is called. */
function reply(ack: unknown, result: Parameters<Ack>[0]): void {
  if (typeof ack === 'function') ack(result);
}

/** An emitter's event map: event name → listener arguments. */
type DomainEvents<Ev> = Record<keyof Ev, unknown[]>;
interface Subscribable<Ev extends DomainEvents<Ev>> {
  on<K extends keyof Ev>(name: K, fn: (...args: Ev[K]) => void): unknown;
  off<K extends keyof Ev>(name: K, fn: (...args: Ev[K]) => void): unknown;
}
type Handlers<Ev extends DomainEvents<Ev>> = { [K in keyof Ev]?: (...args: Ev[K]) => void };

export interface RealtimeDeps {
  incidents?: IncidentService;
  drills?: DrillService;
  auth?: AuthService;
  logs?: LogService;
  actions?: ActionService;
  checks?: CheckService;
  heartbeat?: HeartbeatService | null;
  /** Host/Origin allow-lists: a handshake from another origin is refused before it connects. */
  guard?: HostGuard;
}

type Identify = Parameters<AuthService['identify']>;
interface HandshakeSocket {
  request: { headers: Identify[0] };
  handshake: { auth?: Record<string, unknown> };
}

/** socket.io on the HTTP server: same path, same origins and security headers as the REST API. */
function createIo(httpServer: HttpServer, guard: HostGuard | undefined): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // Other upgrades (Next's dev HMR) are routed by the HTTP layer; do not kill them.
    destroyUpgrade: false,
    maxHttpBufferSize: 16 * 1024,
    // Browsers send Origin on every WebSocket and cross-origin request: a page elsewhere (or a
    // DNS-rebound name) gets no live topology, findings or samples, with or without auth.
    allowRequest: (req, callback) => callback(null, guard ? guard.allowsSocket(req) : true),
  });
  // Long-polling answers bypass the HTTP handler: give them the same security headers.
  const addHeaders = (headers: Record<string, string>) => Object.assign(headers, guard?.headers);
  io.engine.on('initial_headers', addHeaders);
  io.engine.on('headers', addHeaders);
  io.engine.on('connection_error', (err: { message?: string }) => log.debug({ msg: err.message }, 'socket connection error'));
  return io;
}

/**
 * Authenticates at the handshake (the session cookie, or a token in `auth.token`) and drops,
 * within a minute, sockets whose session ended. Answers the re-check for per-event use and
 * the sweep's timer.
 */
function authenticate(io: RealtimeServer, auth: AuthService | undefined) {
  const tokenOf = (socket: HandshakeSocket) => (typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined);
  const stillAuthorized = (socket: HandshakeSocket) => !auth || auth.identify(socket.request.headers, tokenOf(socket)) !== null;
  // A session that ended (logout, expiry, user removed) loses its live feed within a minute.
  const sweep = setInterval(() => {
    for (const s of io.sockets.sockets.values()) if (!stillAuthorized(s)) s.disconnect(true);
  }, 60_000);
  sweep.unref();
  io.use((socket, next) => {
    const identity = auth ? auth.identify(socket.request.headers, tokenOf(socket)) : { username: 'local', role: 'admin' as const, via: 'none' as const };
    if (!identity) return next(new Error('unauthorized'));
    socket.data.identity = identity;
    next();
  });
  return { stillAuthorized, sweep };
}

/**
 * Live log tail: only to clients watching the node (same rooms as the per-node samples). A
 * NOAUTH storm produces hundreds of batches a second; rows are upserts by id, so only the latest
 * version of each row per node is kept and flushed at most every LOG_FLUSH_MS.
 */
function logBatcher(io: RealtimeServer) {
  const pending = new Map<string, Map<number, LogLinesEvent['entries'][number]>>();
  const timer = setInterval(() => {
    for (const [nodeId, rows] of pending) io.to(room(nodeId)).emit('log:lines', { nodeId, entries: [...rows.values()] });
    pending.clear();
  }, LOG_FLUSH_MS);
  timer.unref();
  const add = (e: LogLinesEvent) => {
    if (!io.sockets.adapter.rooms.get(room(e.nodeId))?.size) return;
    let rows = pending.get(e.nodeId);
    if (!rows) pending.set(e.nodeId, (rows = new Map()));
    for (const entry of e.entries) rows.set(entry.id, entry);
  };
  return { add, timer };
}

export function attachRealtime(httpServer: HttpServer, monitor: Monitor, deps: RealtimeDeps = {}): RealtimeServer {
  const { incidents, auth, logs, actions, checks, heartbeat, guard, drills } = deps;
  const io = createIo(httpServer, guard);
  const { stillAuthorized, sweep } = authenticate(io, auth);

  const deltas = topologyDeltas(io, () => monitor.snapshot());
  io.on('connection', (socket) => {
    deltas.connect(socket, () => stillAuthorized(socket));
    if (incidents) socket.emit('findings:snapshot', { findings: incidents.findings('open', 1000), health: incidents.health() });

    // A client starts receiving per-poll samples for one node (the node page's live charts).
    socket.on('node:watch', (payload, ack) => {
      if (!stillAuthorized(socket)) return reply(ack, { ok: false, error: 'unauthorized' });
      const parsed = NodeWatchPayloadSchema.safeParse(payload);
      if (!parsed.success) return reply(ack, { ok: false, error: 'expected { nodeId: "host:port" }' });
      void socket.join(room(monitor.canonical(parsed.data.nodeId)));
      reply(ack, { ok: true });
    });

    // The client leaves the node page.
    socket.on('node:unwatch', (payload, ack) => {
      if (!stillAuthorized(socket)) return reply(ack, { ok: false, error: 'unauthorized' });
      const parsed = NodeWatchPayloadSchema.safeParse(payload);
      if (!parsed.success) return reply(ack, { ok: false, error: 'expected { nodeId: "host:port" }' });
      void socket.leave(room(monitor.canonical(parsed.data.nodeId)));
      reply(ack, { ok: true });
    });
  });

  const unsubscribe: Array<() => void> = [];
  /** Subscribes handlers to a domain emitter's own event names, unsubscribed on close. */
  function listen<Ev extends DomainEvents<Ev>>(source: Subscribable<Ev> | null | undefined, handlers: Handlers<Ev>): void {
    if (!source) return;
    for (const name in handlers) {
      const fn = handlers[name];
      if (!fn) continue;
      source.on(name, fn);
      unsubscribe.push(() => source.off(name, fn));
    }
  }

  // Domain event → wire event. The domain names its events for itself; this table is the only
  // place that knows the wire names (lib/contracts/socket.ts).
  listen<MonitorEvents>(monitor, {
    // As soon as the topology changes (before the cycle's diagnosis, or between cycles when a
    // lost node is shown unreachable): delta clients get versioned patches, the others the delta.
    topology: (topology, delta) => deltas.push(topology, delta),
    cycle: (report) => {
      for (const sample of report.samples) {
        const r = room(sample.nodeId);
        if (io.sockets.adapter.rooms.get(r)?.size) io.to(r).emit('node:sample', sample);
      }
    },
    'topology-event': (e) => io.emit('topology:event', e),
  });
  listen<IncidentEvents>(incidents, {
    'finding-opened': (f) => io.emit('finding:opened', f),
    'finding-updated': (f) => io.emit('finding:updated', f),
    'finding-resolved': (f) => io.emit('finding:resolved', f),
    'incident-changed': (i) => io.emit('incident:updated', i),
    health: (h) => io.emit('health:update', h),
  });
  // Action progress goes to every client: an operator elsewhere should see a repair running.
  listen<ActionEvents>(actions, {
    progress: (p) => io.emit('action:progress', p),
    finished: (r) => io.emit('action:finished', r),
  });
  // Consistency checks, heartbeat delays and drills: small, rate-limited at the source.
  listen<CheckServiceEvents>(checks, {
    progress: (e) => io.emit('check:progress', e),
    done: (run) => io.emit('check:done', run),
  });
  listen<HeartbeatEvents>(heartbeat, { samples: (samples) => io.emit('heartbeat:update', samples) });
  listen<DrillServiceEvents>(drills, {
    progress: (p) => io.emit('drill:progress', p),
    finished: (run) => io.emit('drill:finished', run),
  });
  const logLines = logBatcher(io);
  listen<LogServiceEvents>(logs, { lines: logLines.add });

  httpServer.once('close', () => {
    clearInterval(logLines.timer);
    clearInterval(sweep);
    for (const u of unsubscribe) u();
  });
  return io;
}
