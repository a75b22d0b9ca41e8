// A TLS-only redis-server (tls-port, no plain port) signed by a private CA made here with
// openssl: the dashboard polls it with `tls.caFile`, refuses it without (unknown CA), and the
// network check walks it. What a managed or hardened Redis looks like.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NetCheckResult } from '../lib/contracts';
import { startServer, type RunningServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { rootLogger } from '../server/logger';
import { waitFor } from '../server/sandbox';
import { releasePort, reserveFreePorts } from '../server/sandbox/free-port';
import { findRedisServer } from '../server/sandbox/redis-binary';

rootLogger.level = 'warn';

function makeCerts(dir: string): { ca: string; cert: string; key: string } {
  const f = (name: string) => path.join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=ReplicaOps test CA');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'ext.cnf');
  return { ca: f('ca.crt'), cert: f('server.crt'), key: f('server.key') };
}

describe('a TLS-only Redis', () => {
  let dir: string;
  let redis: ChildProcess;
  let port: number;
  let certs: { ca: string; cert: string; key: string };
  const servers: RunningServer[] = [];
  const start = async (tls: unknown) => {
    const file = path.join(dir, `config-${servers.length}.json`);
    writeFileSync(file, JSON.stringify({ topology: { seeds: [`rediss://127.0.0.1:${port}`], defaults: { tls } } }));
    const s = await startServer(
      loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: '300', REPLICAOPS_CONFIG: file, REPLICAOPS_DATA_DIR: path.join(dir, `data-${servers.length}`) }),
      { withUi: false },
    );
    servers.push(s);
    return s;
  };
  const node = (s: RunningServer) => s.monitor.snapshot().topology.nodes.find((n) => n.id === `127.0.0.1:${port}`);

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'replicaops-tls-'));
    certs = makeCerts(dir);
    [port] = (await reserveFreePorts('127.0.0.1', 1)) as [number];
    const { bin } = await findRedisServer(process.env.REDIS_SERVER_BIN);
    redis = spawn(bin, ['--port', '0', '--tls-port', String(port), '--tls-cert-file', certs.cert, '--tls-key-file', certs.key, '--tls-ca-cert-file', certs.ca, '--tls-auth-clients', 'no', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  });
  after(async () => {
    for (const s of servers) await s.stop();
    redis?.kill('SIGKILL');
    if (port) releasePort(port);
    rmSync(dir, { recursive: true, force: true });
  });

  test('with tls.caFile the node is polled; its network check passes every step over TLS', async () => {
    const s = await start({ caFile: certs.ca });
    await waitFor(() => node(s)?.reachable === true, 10_000, { what: 'TLS node reachable' });
    assert.equal(node(s)?.role, 'master');
    const res = await fetch(`${s.url}/api/nodes/127.0.0.1:${port}/netcheck`, { method: 'POST', headers: { 'x-replicaops-request': '1' } });
    const check = (await res.json()) as NetCheckResult;
    assert.notEqual(check.node.state, 'failed', JSON.stringify(check.node));
    assert.match(check.node.steps.find((x) => x.id === 'redis')?.detail.en ?? '', /role master/);
  });

  test('without the CA the certificate is refused and the node says tls, not a vague error', async () => {
    const s = await start(true);
    // On a busy machine the first poll's deadline can pass before the handshake fails (an honest
    // `timeout`); from the next poll on, the node must say why: tls.
    await waitFor(() => node(s)?.error?.code === 'tls', 10_000, { what: 'the node to report a tls error' });
    assert.equal(node(s)?.reachable, false);
  });

  test('an unreadable caFile stops start-up with the field named', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ topology: { nodes: { '10.0.0.1:6379': { tls: { caFile: '/nonexistent/ca.pem' } } } } }));
    assert.throws(() => loadConfig({ REPLICAOPS_CONFIG: file }), /^ConfigError: config\.topology\.nodes\["10\.0\.0\.1:6379"\]\.tls\.caFile: cannot read/);
  });
});
