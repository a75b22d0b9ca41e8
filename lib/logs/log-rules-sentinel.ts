// Sentinel events (role `X`): `<event> <payload>`, where `%@` is `<type> <name> <ip> <port>`
// (reference §2.L). Kept apart from the replication table because they are keyed on the event
// name alone and checked only for lines that start with `+` or `-`.
import type { LogRule } from './log-rules';

// `%@`: the instance the event is about; its ip/port become the peer.
const AT = String.raw`(?:master|slave|replica|sentinel) \S+ (?<host>\S+) (?<port>\d+)`;
const ev = (events: string, withAt = true) =>
  new RegExp(String.raw`^(?:${events})` + (withAt ? ` ${AT}` : String.raw`(?:\s|$)`));

// One rule per line reads as a table.
// prettier-ignore
export const SENTINEL_RULES: readonly LogRule[] = [
  { id: 'sentinel_down', re: ev(String.raw`\+sdown|\+odown`), category: 'link_lost', verdict: 'abnormal' },
  { id: 'sentinel_up', re: ev(String.raw`-sdown|-odown`), category: 'link_lost', verdict: 'normal' },
  // `+switch-master <name> <old-ip> <old-port> <new-ip> <new-port>`: the peer is the new master.
  { id: 'sentinel_switch_master', re: /^\+switch-master \S+ \S+ \d+ (?<host>\S+) (?<port>\d+)/, category: 'role_change', verdict: 'notable' },
  { id: 'sentinel_failover_failed', re: ev(String.raw`-failover-abort-[\w-]+|\+failover-end-for-timeout`), category: 'role_change', verdict: 'abnormal' },
  { id: 'sentinel_promotion', re: ev(String.raw`\+promoted-slave|\+convert-to-slave|\+try-failover|\+failover-end|\+fix-slave-config|\+config-update-from`), category: 'role_change', verdict: 'notable' },
  { id: 'sentinel_failover_step', re: ev(String.raw`\+failover-state-[\w-]+|\+selected-slave|\+elected-leader|\+slave-reconf-[\w-]+|[+-]role-change`), category: 'role_change', verdict: 'normal' },
  { id: 'sentinel_election', re: ev(String.raw`\+new-epoch|\+vote-for-leader`, false), category: 'role_change', verdict: 'normal' },
  { id: 'sentinel_reconf_timeout', re: ev('-slave-reconf-sent-timeout'), category: 'timeout', verdict: 'notable', causeHint: 'timeout' },
  { id: 'sentinel_reboot', re: ev(String.raw`\+reboot`), category: 'other', verdict: 'notable' },
  { id: 'sentinel_link_reconnect', re: ev('-cmd-link-reconnection|-pubsub-link-reconnection'), category: 'link_lost', verdict: 'notable', causeHint: 'from-text' },
  { id: 'sentinel_tilt', re: ev(String.raw`\+tilt`, false), category: 'other', verdict: 'abnormal' },
];
