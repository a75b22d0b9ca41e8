// Classifies one Redis log message: category, verdict, peer address and provable root cause.
// Pure; the rule tables are data (log-rules.ts, log-rules-sentinel.ts), this file only runs them.
import { CAUSE_FROM_TEXT, LOG_RULES, type LogRule } from './log-rules';
import { SENTINEL_RULES } from './log-rules-sentinel';
import type { Classification, LogCauseHint, PeerAddress } from './log-types';

export { LOG_RULES, type LogRule } from './log-rules';
export { SENTINEL_RULES } from './log-rules-sentinel';

const OTHER: Classification = Object.freeze({
  category: 'other',
  verdict: 'normal',
  ruleId: 'other',
});

// `10.0.0.2:6379`, `[::1]:6379`, `redis-1.example:6379`; a trailing `.` ends a sentence.
const ADDR_RE = /^(?:\[([0-9a-fA-F:.%]+)\]|([^\s:[\]]+)):(\d{1,5})\.?$/;
const CLIENT_ADDR_RE = /\baddr=(\S+)/;
const CLIENT_FLAGS_RE = /\bflags=([a-zA-Z]*)/;

/** `host:port` → PeerAddress; anything else (`ip:<unknown-replica-port>`, `client id #3`) → undefined. */
export function parsePeerAddress(token: string | undefined): PeerAddress | undefined {
  if (!token) return undefined;
  const m = ADDR_RE.exec(token);
  if (!m) return undefined;
  const port = Number(m[3]);
  const host = m[1] ?? m[2];
  if (!host || port < 1 || port > 65535) return undefined;
  return { host, port };
}

function causeFromText(message: string): LogCauseHint | undefined {
  for (const [re, cause] of CAUSE_FROM_TEXT) if (re.test(message)) return cause;
  return undefined;
}

function build(rule: LogRule, m: RegExpExecArray, message: string): Classification {
  const out: Classification = { category: rule.category, verdict: rule.verdict, ruleId: rule.id };
  const g = m.groups;
  const peer =
    g?.peer !== undefined
      ? parsePeerAddress(g.peer)
      : parsePeerAddress(g?.host && g.port ? `${g.host}:${g.port}` : undefined);
  if (peer) out.peer = peer;

  if (rule.clientAddr) {
    // The quoted CLIENT LIST entry's addr= is the peer's *outgoing* socket: on a master it is
    // the replica's ephemeral port, not its listening port, so it must not be linked as a node.
    const client = parsePeerAddress(CLIENT_ADDR_RE.exec(message)?.[1]);
    if (client) out.peerClientAddr = client;
  }
  let cause = rule.causeHint === 'from-text' ? causeFromText(message) : rule.causeHint;
  if (rule.nonReplicaVerdict) {
    const flags = CLIENT_FLAGS_RE.exec(message)?.[1];
    if (flags !== undefined && !flags.includes('S')) {
      // A pub/sub or normal client hit its limit: worth seeing, but not a replication cause.
      out.verdict = rule.nonReplicaVerdict;
      cause = undefined;
    }
  }
  if (rule.abnormalIfBehind && g && Number(g.synced) < Number(g.total)) out.verdict = 'abnormal';
  if (cause) out.causeHint = cause;
  return out;
}

function run(rules: readonly LogRule[], message: string): Classification | undefined {
  for (const rule of rules) {
    const m = rule.re.exec(message);
    if (m) return build(rule, m, message);
  }
  return undefined;
}

/**
 * Classifies a log *message* (the text after the level character). Never looks at the level:
 * Redis 7.2 downgraded link-loss lines from `#` to `*`, and a rule keyed on `#` goes silent.
 */
export function classifyLogLine(message: string): Classification {
  if (!message) return OTHER;
  const first = message.charCodeAt(0);
  // Sentinel events start with +/-; no replication message does.
  if (first === 43 /* + */ || first === 45 /* - */) return run(SENTINEL_RULES, message) ?? OTHER;
  return run(LOG_RULES, message) ?? OTHER;
}
