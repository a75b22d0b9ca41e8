// Adapts monitor events to socket.io: a snapshot on connect, compact deltas after each cycle,
// per-node samples only to the clients watching that node.
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
import type { ActionService } from '../actions/action-service';
import type { AuthService } from '../auth/auth-service';
import type { CheckService } from '../consistency/check-service';
import type { HostGuard } from '../http/host-guard';
import type { HeartbeatService } from '../heartbeat/heartbeat-service';
import type { IncidentService } from '../incidents/incident-service';
import type { LogLinesEvent } from '../../lib/contracts';
import type { LogService } from '../logs/log-service';
import type { CycleReport, Monitor } from '../monitor/monitor';
import { topologyDeltas } from './topology-deltas';

const log = logger('realtime');
const room = (nodeId: string) => `node:${nodeId}`;
const LOG_FLUSH_MS = 250;

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

function reply(ack: unknown, result: Parameters<Ack>[0]): void {
  if (typeof ack === 'function') (ack as Ack)(result);
}

export interface RealtimeDeps {
  incidents?: IncidentService;
  auth?: AuthService;
  logs?: LogService;
  actions?: ActionService;
  checks?: CheckService;
  heartbeat?: HeartbeatService | null;
  /** Host/Origin allow-lists: a handshake from another origin is refused before it connects. */
  guard?: HostGuard;
}

export function attachRealtime(httpServer: HttpServer, monitor: Monitor, deps: RealtimeDeps = {}): RealtimeServer {
  const { incidents, auth, logs, actions, checks, heartbeat, guard } = deps;
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

  const stillAuthorized = (socket: { request: { headers: Parameters<AuthService['identify']>[0] }; handshake: { auth?: Record<string, unknown> } }) => {
    if (!auth) return true;
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    return auth.identify(socket.request.headers, token) !== null;
  };
  // A session that ended (logout, expiry, user removed) loses its live feed within a minute.
  const sweep = setInterval(() => {
    for (const s of io.sockets.sockets.values()) if (!stillAuthorized(s)) s.disconnect(true);
  }, 60_000);
  sweep.unref();

  // Authenticate at the handshake: the session cookie rides along, or a token in `auth.token`.
  io.use((socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    const identity = auth ? auth.identify(socket.request.headers, token) : { username: 'local', role: 'admin' as const, via: 'none' as const };
    if (!identity) return next(new Error('unauthorized'));
    socket.data.identity = identity;
    next();
  });

  const deltas = topologyDeltas(io, () => monitor.snapshot());
  io.on('connection', (socket) => {
    deltas.connect(socket);
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

  const onCycle = (report: CycleReport) => {
    deltas.cycle(report.topology, report.delta);
    for (const sample of report.samples) {
      const r = room(sample.nodeId);
      if (io.sockets.adapter.rooms.get(r)?.size) io.to(r).emit('node:sample', sample);
    }
  };
  const onEvent = (e: Parameters<ServerToClientEvents['topology:event']>[0]) => io.emit('topology:event', e);
  monitor.on('cycle', onCycle);
  monitor.on('topology-event', onEvent);
  io.engine.on('connection_error', (err: { message?: string }) => log.debug({ msg: err.message }, 'socket connection error'));
  const unsubscribe: Array<() => void> = [];
  if (incidents) {
    const forward = <K extends 'finding:opened' | 'finding:updated' | 'finding:resolved' | 'incident:updated'>(name: K) => {
      const fn = (payload: Parameters<ServerToClientEvents[K]>[0]) => {
        (io.emit as (ev: string, p: unknown) => boolean)(name, payload);
      };
      incidents.on(name, fn as never);
      unsubscribe.push(() => incidents.off(name, fn as never));
    };
    forward('finding:opened');
    forward('finding:updated');
    forward('finding:resolved');
    forward('incident:updated');
    const onHealth = (h: Parameters<ServerToClientEvents['health:update']>[0]) => io.emit('health:update', h);
    incidents.on('health', onHealth);
    unsubscribe.push(() => incidents.off('health', onHealth));
  }
  // Live log tail: only to clients watching the node (same rooms as the per-node samples).
  // A NOAUTH storm produces hundreds of batches a second; rows are upserts by id, so only the
  // latest version of each row per node is kept and flushed at most every LOG_FLUSH_MS.
  const pendingLogs = new Map<string, Map<number, LogLinesEvent['entries'][number]>>();
  const onLog = (e: LogLinesEvent) => {
    if (!io.sockets.adapter.rooms.get(room(e.nodeId))?.size) return;
    let rows = pendingLogs.get(e.nodeId);
    if (!rows) pendingLogs.set(e.nodeId, (rows = new Map()));
    for (const entry of e.entries) rows.set(entry.id, entry);
  };
  const logFlush = setInterval(() => {
    for (const [nodeId, rows] of pendingLogs) io.to(room(nodeId)).emit('log:lines', { nodeId, entries: [...rows.values()] });
    pendingLogs.clear();
  }, LOG_FLUSH_MS);
  logFlush.unref();
  logs?.on('lines', onLog);
  // Action progress goes to every client: an operator elsewhere should see a repair running.
  const onProgress = (p: Parameters<ServerToClientEvents['action:progress']>[0]) => io.emit('action:progress', p);
  const onFinished = (p: Parameters<ServerToClientEvents['action:finished']>[0]) => io.emit('action:finished', p);
  actions?.on('action:progress', onProgress);
  actions?.on('action:finished', onFinished);
  // Consistency checks and heartbeat delays: small, rate-limited at the source.
  const onCheckProgress = (e: Parameters<ServerToClientEvents['check:progress']>[0]) => io.emit('check:progress', e);
  const onCheckDone = (run: Parameters<ServerToClientEvents['check:done']>[0]) => io.emit('check:done', run);
  const onBeat = (samples: Parameters<ServerToClientEvents['heartbeat:update']>[0]) => io.emit('heartbeat:update', samples);
  checks?.on('progress', onCheckProgress);
  checks?.on('done', onCheckDone);
  heartbeat?.on('samples', onBeat);
  httpServer.once('close', () => {
    logs?.off('lines', onLog);
    clearInterval(logFlush);
    actions?.off('action:progress', onProgress);
    checks?.off('progress', onCheckProgress);
    checks?.off('done', onCheckDone);
    heartbeat?.off('samples', onBeat);
    actions?.off('action:finished', onFinished);
    clearInterval(sweep);
    monitor.off('cycle', onCycle);
    monitor.off('topology-event', onEvent);
    for (const u of unsubscribe) u();
  });
  return io;
}
