// Pure: words for the codes the server sends as data (driver errors, event values, snapshot
// values, rule ids), so a Chinese page never shows "Connection is closed." or `canary_not_seen`.
// Each returns the translated text; callers keep the raw value on hover.
import {
  NodeErrorCodeSchema,
  RoleSchema,
  StatusSchema,
  type TopologyEvent,
} from '@/lib/contracts';
import { DICTIONARIES, type MessageKey, type MessageParams } from '@/lib/i18n';

type T = (key: MessageKey, params?: MessageParams) => string;

function known(key: string): key is MessageKey {
  return key in DICTIONARIES.en;
}

/** Messages from ioredis and Node's socket layer, matched on their stable wording. */
const DRIVER_ERRORS: ReadonlyArray<readonly [RegExp, MessageKey]> = [
  [/^Connection is closed\.?$/i, 'driver.closed'],
  [/ECONNREFUSED/, 'driver.refused'],
  [/ETIMEDOUT|timed? ?out/i, 'driver.timeout'],
  [/ENOTFOUND|EAI_AGAIN/, 'driver.dns'],
  [/ECONNRESET|socket hang up/i, 'driver.reset'],
  [/EHOSTUNREACH|ENETUNREACH/, 'driver.unreachable'],
  [/^WRONGPASS|invalid username-password/i, 'driver.wrongpass'],
  [/^NOAUTH/, 'driver.noauth'],
  [/^NOPERM/, 'driver.noperm'],
  [/^READONLY/, 'driver.readonly'],
  [/^LOADING/, 'driver.loading'],
  [/^MASTERDOWN/, 'driver.masterdown'],
  [/max retries per request/i, 'driver.retries'],
  [/enableOfflineQueue|Stream isn't writeable/i, 'driver.offline'],
];

/**
 * The driver message in the page's language: English pages keep Redis' and Node's own wording
 * (operators search for it); other languages get the translation, the original on hover.
 */
export function driverErrorText(message: string, t: T, locale: string): string {
  if (locale === 'en') return message;
  const hit = DRIVER_ERRORS.find(([rx]) => rx.test(message));
  return hit ? t(hit[1]) : message;
}

/** A config-risk or consistency rule id as words (`canary_not_seen` → "Canary not seen"). */
export function ruleText(rule: string, t: T): string {
  const key = `rule.${rule}`;
  return known(key) ? t(key) : rule;
}

/** A replica's `state=` in the master's INFO (`online`, `wait_bgsave`, `send_bulk`…) as words. */
export function replicaStateText(state: string, t: T): string {
  const key = `replicaState.${state}`;
  return known(key) ? t(key) : state;
}

/** A log line's category or verdict as carried in evidence (plain strings on the wire). */
export function logTagText(kind: 'category' | 'verdict', value: string, t: T): string {
  const key = `logs.${kind}.${value}`;
  return known(key) ? t(key) : value;
}

/** A value recorded in a metric snapshot: roles, statuses, error codes and booleans as words. */
export function snapshotValueText(metric: string, value: string | boolean, t: T): string {
  if (typeof value === 'boolean') return t(value ? 'value.yes' : 'value.no');
  if (value === 'true' || value === 'false') return t(value === 'true' ? 'value.yes' : 'value.no');
  if (metric === 'role' && RoleSchema.safeParse(value).success) return t(`role.${RoleSchema.parse(value)}`);
  if (metric === 'status' && StatusSchema.safeParse(value).success) return t(`status.${StatusSchema.parse(value)}`);
  const code = NodeErrorCodeSchema.safeParse(value);
  if (metric === 'error' && code.success) return t(`nodeError.${code.data}`);
  const link = `link.${value}`;
  if (metric === 'linkStatus' && known(link)) return t(link);
  return value;
}

function shortId(id: string | null | undefined): string {
  return id ? (id.length > 12 ? `${id.slice(0, 8)}…` : id) : '';
}

/** What a topology event changed, in words; null when there is nothing to add to its title. */
export function eventChangeText(e: Pick<TopologyEvent, 'kind' | 'from' | 'to'>, t: T): string | null {
  const role = (r: string | null | undefined) => {
    const p = RoleSchema.safeParse(r);
    return p.success ? t(`role.${p.data}`) : (r ?? '');
  };
  switch (e.kind) {
    case 'node_unreachable': {
      const code = NodeErrorCodeSchema.safeParse(e.to);
      return code.success ? t(`nodeError.${code.data}`) : null;
    }
    case 'node_added':
      return e.to ? role(e.to) : null;
    case 'node_removed':
      return e.from ? t('eventChange.was', { value: role(e.from) }) : null;
    case 'role_changed':
      return e.from && e.to ? `${role(e.from)} → ${role(e.to)}` : role(e.to ?? e.from);
    case 'upstream_changed':
      if (e.from && e.to) return `${e.from} → ${e.to}`;
      if (e.to) return t('eventChange.nowFrom', { upstream: e.to });
      return e.from ? t('eventChange.noLongerFrom', { upstream: e.from }) : null;
    case 'run_id_changed':
    case 'replid_changed':
      return e.from && e.to ? `${shortId(e.from)} → ${shortId(e.to)}` : null;
    case 'link_down':
    case 'link_up':
      return e.from ? t('eventChange.from', { upstream: e.from }) : null;
    case 'node_reachable':
    case 'sentinel': // its title already names the Sentinel event and who saw it
      return null;
  }
}
