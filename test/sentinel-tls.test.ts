// A Sentinel that speaks TLS only (tls-port, no plain port), signed by a private CA made here
// with openssl: a `sentinels://` seed with `topology.sentinelTls.caFile` discovers the group
// through it; without the CA the Sentinel is unreachable and says why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { startSandbox, waitFor, type Sandbox } from '../server/sandbox';
import { releasePort, reserveFreePorts } from '../server/sandbox/free-port';
import { findRedisServer } from '../server/sandbox/redis-binary';
import { renderSentinelConfig } from '../server/sandbox/sentinels';
import { testSandboxOptions } from './helpers/sandbox';

function makeCerts(dir: string): { ca: string; cert: string; key: string } {
  const f = (name: string) => path.join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=ReplicaOps Sentinel test CA');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'ext.cnf');
  return { ca: f('ca.crt'), cert: f('server.crt'), key: f('server.key') };
}

describe('a TLS-only Sentinel', () => {
  let dir: string;
  let sandbox: Sandbox;
  let sentinel: ChildProcess;
  let port: number;
  let certs: { ca: string; cert: string; key: string };
  const servers: RunningServer[] = [];
  const start = async (seed: string, sentinelTls: unknown) => {
    const file = path.join(dir, `config-${servers.length}.json`);
    writeFileSync(file, JSON.stringify({ topology: { seeds: [seed], ...(sentinelTls === undefined ? {} : { sentinelTls }) } }));
    const s = await startServer(
      loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: '300', REPLICAOPS_CONFIG: file, REPLICAOPS_DATA_DIR: path.join(dir, `data-${servers.length}`) }),
      { withUi: false },
    );
    servers.push(s);
    return s;
  };
  const seen = (s: RunningServer) => s.monitor.snapshot().topology.sentinels?.find((x) => x.id === `127.0.0.1:${port}`);

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'replicaops-sentinel-tls-'));
    certs = makeCerts(dir);
    sandbox = await startSandbox(testSandboxOptions({ shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] }));
    [port] = (await reserveFreePorts('127.0.0.1', 1)) as [number];
    const m = sandbox.node('m');
    const conf = renderSentinelConfig({ host: '127.0.0.1', port, dir, logFile: path.join(dir, 'sentinel.log'), masterName: 'mymaster', master: m, quorum: 1, downAfterMs: 60_000, failoverTimeoutMs: 60_000, authPass: sandbox.password })
      .replace(`port ${port}\n`, `port 0\ntls-port ${port}\ntls-cert-file ${certs.cert}\ntls-key-file ${certs.key}\ntls-ca-cert-file ${certs.ca}\ntls-auth-clients no\n`);
    writeFileSync(path.join(dir, 'sentinel.conf'), conf);
    const { bin } = await findRedisServer(process.env.REDIS_SERVER_BIN);
    sentinel = spawn(bin, [path.join(dir, 'sentinel.conf'), '--sentinel'], { stdio: 'ignore' });
  });
  after(async () => {
    for (const s of servers) await s.stop();
    sentinel?.kill('SIGKILL');
    if (port) releasePort(port);
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('sentinels:// with sentinelTls.caFile: the group and its nodes are found through the TLS Sentinel', async () => {
    const s = await start(`sentinels://127.0.0.1:${port}/mymaster`, { caFile: certs.ca });
    const m = sandbox.node('m').id;
    const r1 = sandbox.node('r1').id;
    await waitFor(() => s.monitor.snapshot().topology.groups?.[0]?.replicas?.some((r) => r.id === r1) === true, 15_000, { what: 'group seen through the TLS Sentinel' });
    assert.equal(seen(s)?.reachable, true);
    assert.equal(s.monitor.snapshot().topology.groups?.[0]?.masterId, m);
    await waitFor(() => s.monitor.snapshot().topology.nodes.some((n) => n.id === r1 && n.reachable && n.upstream === m), 10_000, { what: 'r1 polled' });
  });

  test('without the CA the TLS Sentinel is unreachable and names the certificate problem', async () => {
    const s = await start(`sentinels://127.0.0.1:${port}/mymaster`, undefined);
    await waitFor(() => /certificate/i.test(seen(s)?.error ?? ''), 10_000, { what: 'a certificate error' }).catch((err: unknown) => assert.fail(`${String(err)}: ${JSON.stringify(seen(s))}`));
    assert.equal(seen(s)?.reachable, false);
    assert.equal(s.monitor.snapshot().topology.groups?.[0]?.masterId ?? null, null);
  });
});
