// Network checks on demand (seed §3.3): the node at the address the dashboard polls and, for a
// replica, its master at the address the replica itself dials. One check per node at a time
// (a second request joins the running one) and a few at once overall.
import type { NetCheckResult, Topology } from '../../lib/contracts';
import { interpretProbe, summarize } from '../../lib/network/net-verdict';
import type { CredentialSource } from '../consistency/connections';
import { logger } from '../logger';
import { nodeId, parseNodeId } from '../redis/redis-url';
import { probeAddress } from './net-probe';

const log = logger('netcheck');
const MAX_CONCURRENT = 4;

export interface NetCheckSource {
  snapshot(): { topology: Topology };
  canonical(id: string): string;
  /** Last INFO sections seen from the node (kept while it is unreachable). */
  nodeDetail(id: string): { info: Record<string, Record<string, string>> } | null;
}

export class NetCheckError extends Error {
  constructor(
    readonly code: 'not_found' | 'rate_limited',
    message: string,
  ) {
    super(message);
  }
}

export class NetCheckService {
  private readonly running = new Map<string, Promise<NetCheckResult>>();

  constructor(
    private readonly source: NetCheckSource,
    private readonly credentials: CredentialSource,
    private readonly timeouts: { connectTimeoutMs: number; commandTimeoutMs: number },
  ) {}

  check(rawId: string): Promise<NetCheckResult> {
    const id = this.source.canonical(rawId);
    const node = this.source.snapshot().topology.nodes.find((n) => n.id === id);
    if (!node) throw new NetCheckError('not_found', `node ${rawId} is not in the topology`);
    const joined = this.running.get(id);
    if (joined) return joined;
    if (this.running.size >= MAX_CONCURRENT)
      throw new NetCheckError(
        'rate_limited',
        `${MAX_CONCURRENT} network checks are already running; try again in a few seconds`,
      );
    const work = this.run(id).finally(() => this.running.delete(id));
    this.running.set(id, work);
    return work;
  }

  private async run(id: string): Promise<NetCheckResult> {
    const startedAt = Date.now();
    const { topology } = this.source.snapshot();
    const { host, port } = parseNodeId(id);
    const nodeProbe = this.probe(id, host, port);
    // What the replica dials: its own INFO's master_host:master_port, not our idea of its parent.
    const repl = this.source.nodeDetail(id)?.info.replication;
    const masterHost = repl?.master_host;
    const masterPort = Number(repl?.master_port);
    const dialled =
      masterHost && Number.isInteger(masterPort) && masterPort > 0
        ? nodeId(masterHost, masterPort)
        : undefined;
    const upstreamId = dialled ? this.source.canonical(dialled) : undefined;
    const upstreamProbe =
      dialled && upstreamId
        ? this.probe(upstreamId, parseNodeId(dialled).host, masterPort)
        : undefined;
    const [nodeOutcome, upstreamOutcome] = await Promise.all([nodeProbe, upstreamProbe]);
    const nodeResult = interpretProbe(nodeOutcome, id);
    const known =
      upstreamId && topology.nodes.some((n) => n.id === upstreamId) ? upstreamId : undefined;
    const upstreamResult = upstreamOutcome ? interpretProbe(upstreamOutcome, known) : undefined;
    const link = topology.links.find((l) => l.replica === id);
    const result: NetCheckResult = {
      nodeId: id,
      startedAt,
      finishedAt: Date.now(),
      node: nodeResult,
      ...(upstreamResult ? { upstream: upstreamResult } : {}),
      summary: summarize(nodeResult, upstreamResult, link?.linkStatus),
    };
    log.info(
      {
        node: id,
        state: nodeResult.state,
        upstream: upstreamResult?.state,
        ms: result.finishedAt - startedAt,
      },
      'network check',
    );
    return result;
  }

  private probe(credentialsOf: string, host: string, port: number) {
    return probeAddress(host, port, {
      ...this.timeouts,
      credentials: this.credentials.credentialsFor(credentialsOf),
    });
  }
}
