// Sentinel's pub/sub event messages (`PSUBSCRIBE *` on a Sentinel) → typed events. Pure.
// Formats, as Sentinel 7 writes them (sentinelEvent() in sentinel.c):
//   instance:   `<master|slave|sentinel> <name> <ip> <port>[ @ <master-name> <master-ip> <master-port>][ extra]`
//   switch:     `+switch-master <master-name> <old-ip> <old-port> <new-ip> <new-port>`
//   tilt:       `+tilt #tilt mode entered`
import { nodeIdOf } from './node-id';

/** The event types the dashboard follows; others (`+new-epoch`, `+vote-for-leader`…) are ignored. */
const FOLLOWED = new Set([
  '+sdown',
  '-sdown',
  '+odown',
  '-odown',
  '+try-failover',
  '+elected-leader',
  '+selected-slave',
  '+promoted-slave',
  '+failover-end',
  '+failover-end-for-timeout',
  '+switch-master',
  '+convert-to-slave',
  '+fix-slave-config',
  '+slave',
  '+sentinel',
  '+reboot',
  '+tilt',
  '-tilt',
]);

export function isFollowed(type: string): boolean {
  return FOLLOWED.has(type) || type.startsWith('+failover-state-') || type.startsWith('-failover-abort-');
}

export type InstanceType = 'master' | 'slave' | 'sentinel';

export interface SentinelEvent {
  type: string;
  /** The instance the event is about (`ip:port`), when the message names one. */
  instanceType?: InstanceType;
  instanceId?: string;
  masterName?: string;
  /** The master's address as the message gives it (the old one for `+switch-master`). */
  masterId?: string;
  /** `+switch-master`: the new master. */
  newMasterId?: string;
  /** Text after the address part, e.g. `#quorum 2/2`. */
  extra: string;
  text: string;
}

function addr(ip: string | undefined, port: string | undefined): string | undefined {
  if (!ip || !port || !/^\d+$/.test(port)) return undefined;
  return nodeIdOf(ip, Number(port));
}

/** One message (`channel` is the event type); null for events the dashboard does not follow. */
export function parseSentinelMessage(channel: string, message: string): SentinelEvent | null {
  if (!isFollowed(channel)) return null;
  const text = message.trim();
  const words = text.split(/\s+/);
  if (channel === '+switch-master') {
    const [name, oldIp, oldPort, newIp, newPort] = words;
    const masterId = addr(oldIp, oldPort);
    const newMasterId = addr(newIp, newPort);
    if (!name || !masterId || !newMasterId) return null;
    return { type: channel, masterName: name, masterId, newMasterId, extra: '', text };
  }
  if (channel === '+tilt' || channel === '-tilt') return { type: channel, extra: text, text };
  const [kind, name, ip, port, at, mName, mIp, mPort, ...rest] = words;
  if (kind !== 'master' && kind !== 'slave' && kind !== 'sentinel') return { type: channel, extra: text, text };
  const instanceId = addr(ip, port);
  if (!instanceId) return { type: channel, extra: text, text };
  if (kind === 'master' || at !== '@') {
    const tail = words.slice(4).join(' ');
    return { type: channel, instanceType: kind, instanceId, masterName: kind === 'master' ? name : undefined, masterId: kind === 'master' ? instanceId : undefined, extra: tail, text };
  }
  return {
    type: channel,
    instanceType: kind,
    instanceId,
    masterName: mName,
    masterId: addr(mIp, mPort),
    extra: rest.join(' '),
    text,
  };
}

/**
 * What makes two Sentinels' messages the same event: type, master, instance. The extra text is
 * left out on purpose (`+odown … #quorum 2/2` and `#quorum 3/2` are one master going down).
 */
export function eventIdentity(e: SentinelEvent): string {
  return [e.type, e.masterName ?? '', e.instanceId ?? '', e.newMasterId ?? '', e.instanceId ? '' : e.extra].join('|');
}
