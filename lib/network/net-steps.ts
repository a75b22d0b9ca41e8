// One network-check step at a time: what its outcome means and the command to run next on the
// node's host (seed §3.3). Pure.
import type { NetStep, NetTargetResult } from '../contracts';
import type { ProbeOutcome } from './probe-outcome';

/** Seed §3.4 table: network latency < 10 ms normal, > 100 ms abnormal. */
export const RTT_NORMAL_MS = 10;
export const RTT_ABNORMAL_MS = 100;

export const bi = (en: string, zh: string) => ({ en, zh });

const NOT_REDIS = bi(
  'The port answers, but not in the Redis protocol: an HTTP server, a proxy or another service listens there (wrong port?).',
  '端口有响应，但不是 Redis 协议：那里监听的是 HTTP 服务、代理或其他服务（端口写错了？）。',
);
const round = (ms: number) => Math.round(ms * 100) / 100;

export function dnsStep(o: ProbeOutcome): NetStep {
  const d = o.dns;
  if ('literal' in d)
    return {
      id: 'dns',
      state: 'skipped',
      ms: null,
      detail: bi(
        `${o.host} is an IP address: nothing to resolve.`,
        `${o.host} 是 IP 地址，无需解析。`,
      ),
    };
  if (d.ok)
    return {
      id: 'dns',
      state: 'ok',
      ms: round(d.ms),
      detail: bi(
        `${o.host} resolves to ${d.addresses.join(', ')}.`,
        `${o.host} 解析为 ${d.addresses.join('、')}。`,
      ),
    };
  const temporary = d.code === 'EAI_AGAIN' || d.code === 'ETIMEOUT';
  return {
    id: 'dns',
    state: 'failed',
    ms: d.ms,
    detail: temporary
      ? bi(
          `The DNS server did not answer for ${o.host} (${d.code}): check the resolver in /etc/resolv.conf.`,
          `DNS 服务器没有响应 ${o.host} 的查询（${d.code}）：检查 /etc/resolv.conf 中的解析服务器。`,
        )
      : bi(
          `${o.host} does not resolve (${d.code}): a typo in master_host or the configured address, or a missing DNS or /etc/hosts entry.`,
          `${o.host} 无法解析（${d.code}）：master_host 或配置的地址写错，或缺少 DNS / /etc/hosts 记录。`,
        ),
    command: `nslookup ${o.host}`,
  };
}

export function tcpStep(o: ProbeOutcome): NetStep | null {
  const t = o.tcp;
  if (!t) return null;
  if (t.ok)
    return {
      id: 'tcp',
      state: 'ok',
      ms: round(t.ms),
      detail: bi(`Port ${o.port} accepts TCP connections.`, `端口 ${o.port} 接受 TCP 连接。`),
    };
  const where = `${o.host}:${o.port}`;
  const detail = (() => {
    switch (t.code) {
      case 'ECONNREFUSED':
        return bi(
          `${o.host} answers but refuses port ${o.port}: Redis is not running, listens on another port, or is bound to another interface (bind).`,
          `${o.host} 有响应但拒绝端口 ${o.port}：Redis 未运行、监听了其他端口，或绑定在其他网卡上（bind）。`,
        );
      case 'ETIMEDOUT':
        return bi(
          `No answer from ${where} within ${t.ms ?? '?'} ms: a firewall drops the packets, or the host is down or unreachable.`,
          `${t.ms ?? '?'} 毫秒内 ${where} 没有响应：防火墙丢弃了数据包，或主机宕机 / 不可达。`,
        );
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return bi(
          `No route to ${o.host} (${t.code}): a network or routing problem, not Redis.`,
          `没有到 ${o.host} 的路由（${t.code}）：网络或路由问题，与 Redis 无关。`,
        );
      default:
        return bi(
          `TCP to ${where} failed: ${t.message}`,
          `到 ${where} 的 TCP 连接失败：${t.message}`,
        );
    }
  })();
  const command =
    t.code === 'ECONNREFUSED'
      ? `netstat -tulpn | grep ${o.port}   # on ${o.host}`
      : t.code === 'ETIMEDOUT'
        ? `ping -c 10 ${o.host}; iptables -L -n | grep ${o.port}`
        : `ping -c 10 ${o.host}`;
  return { id: 'tcp', state: 'failed', ms: t.ms, detail, command };
}

export function authStep(o: ProbeOutcome): NetStep | null {
  const a = o.auth;
  if (!a) return null;
  if (a.ok)
    return a.required
      ? {
          id: 'auth',
          state: 'ok',
          ms: round(a.ms),
          detail: bi(
            `Authenticated${a.user ? ` as ${a.user}` : ''}.`,
            `认证成功${a.user ? `（用户 ${a.user}）` : ''}。`,
          ),
        }
      : a.verified === false
        ? {
            id: 'auth',
            state: 'skipped',
            ms: null,
            detail: bi(
              'No password configured for this node in the dashboard; not verified.',
              '看板没有为此节点配置密码；未验证。',
            ),
          }
        : {
            id: 'auth',
            state: 'skipped',
            ms: null,
            detail: bi('No password required.', '无需密码。'),
          };
  const detail =
    a.code === 'NOAUTH'
      ? bi(
          'Redis requires a password and the dashboard has none for this node: set it in topology.nodes or the node URL. A replica of it needs masterauth.',
          'Redis 要求密码，而看板没有此节点的密码：在 topology.nodes 或节点 URL 中配置。它的从节点需要设置 masterauth。',
        )
      : a.code === 'WRONGPASS'
        ? bi(
            'The password (or ACL user) the dashboard uses is refused.',
            '看板使用的密码（或 ACL 用户）被拒绝。',
          )
        : a.code === 'PROTOCOL'
          ? NOT_REDIS
          : a.code === 'DENIED'
            ? bi(
                'Redis runs in protected mode (no password, protected-mode yes) and refuses clients from other hosts: set a password or bind explicitly.',
                'Redis 处于保护模式（未设密码且 protected-mode yes），拒绝来自其他主机的客户端：设置密码或显式配置 bind。',
              )
            : bi(`Authentication failed: ${a.message}`, `认证失败：${a.message}`);
  return {
    id: 'auth',
    state: 'failed',
    ms: a.ms,
    detail,
    command: `redis-cli -h ${o.host} -p ${o.port} ping`,
  };
}

export function rttOf(o: ProbeOutcome): NetTargetResult['rttMs'] {
  if (!o.ping?.ok || !o.ping.samplesMs.length) return null;
  const s = o.ping.samplesMs;
  return {
    min: round(Math.min(...s)),
    avg: round(s.reduce((a, b) => a + b, 0) / s.length),
    max: round(Math.max(...s)),
  };
}

export function pingStep(o: ProbeOutcome): NetStep | null {
  const p = o.ping;
  if (!p) return null;
  if (!p.ok) {
    const detail =
      p.code === 'PROTOCOL'
        ? NOT_REDIS
        : p.code === 'LOADING'
          ? bi(
              'Redis is loading its dataset into memory and answers nothing else until it is done.',
              'Redis 正在把数据集加载到内存，完成前不响应其他命令。',
            )
          : p.code === 'ETIMEDOUT'
            ? bi(
                'TCP connects but Redis does not answer PING: it is busy (a slow command or script, a fork of a large dataset), paused, or a proxy in between swallows the data.',
                'TCP 能连上但 Redis 不响应 PING：它正忙（慢命令或脚本、大数据集 fork）、被暂停，或中间的代理吞掉了数据。',
              )
            : bi(`PING failed: ${p.message}`, `PING 失败：${p.message}`);
    return {
      id: 'ping',
      state: 'failed',
      ms: p.ms,
      detail,
      command: `redis-cli -h ${o.host} -p ${o.port} --latency`,
    };
  }
  // An ok ping holds one sample per PING sent (net-probe sends at least one).
  const rtt = rttOf(o) as NonNullable<NetTargetResult['rttMs']>;
  const range = `min ${rtt.min} / avg ${rtt.avg} / max ${rtt.max} ms`;
  const slow =
    rtt.avg > RTT_ABNORMAL_MS
      ? bi(
          `Round trip ${range}: above ${RTT_ABNORMAL_MS} ms is abnormal — replication will lag.`,
          `往返时间 ${range}：超过 ${RTT_ABNORMAL_MS} 毫秒属于异常，复制会延迟。`,
        )
      : rtt.avg > RTT_NORMAL_MS
        ? bi(
            `Round trip ${range}: above the ${RTT_NORMAL_MS} ms normal range.`,
            `往返时间 ${range}：高于 ${RTT_NORMAL_MS} 毫秒的正常范围。`,
          )
        : null;
  if (slow)
    return {
      id: 'ping',
      state: 'warning',
      ms: rtt.avg,
      detail: slow,
      command: `ping -c 10 ${o.host}`,
    };
  return {
    id: 'ping',
    state: 'ok',
    ms: rtt.avg,
    detail: bi(`Round trip ${range}.`, `往返时间 ${range}。`),
  };
}

export function redisStep(o: ProbeOutcome): NetStep | null {
  const r = o.redis;
  if (!r) return null;
  if (!r.ok)
    return {
      id: 'redis',
      state: 'failed',
      ms: r.ms,
      detail: bi(`INFO failed: ${r.message}`, `INFO 失败：${r.message}`),
    };
  const version = r.version ? ` ${r.version}` : '';
  if (r.role === 'replica' || r.role === 'slave')
    return {
      id: 'redis',
      state: 'ok',
      ms: null,
      detail: bi(
        `Redis${version}, replica of ${r.masterHost}:${r.masterPort}, link ${r.linkStatus ?? 'unknown'}.`,
        `Redis${version}，${r.masterHost}:${r.masterPort} 的从节点，链路 ${r.linkStatus ?? '未知'}。`,
      ),
    };
  return {
    id: 'redis',
    state: 'ok',
    ms: null,
    detail: bi(`Redis${version}, role ${r.role}.`, `Redis${version}，角色 ${r.role}。`),
  };
}
