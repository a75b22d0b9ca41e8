// One Sentinel event seen by several Sentinels is one entry naming who saw it. Pure: the caller
// passes the time.
import { eventIdentity, type SentinelEvent } from './sentinel-events';

export interface SeenEvent {
  key: string;
  event: SentinelEvent;
  /** When the first Sentinel published it. */
  firstAt: number;
  seenBy: string[];
}

/** Sentinels publish the same event within a second or two of each other; 10 s is generous. */
export const DEDUPE_WINDOW_MS = 10_000;

export class SentinelEventDeduper {
  private readonly recent = new Map<string, SeenEvent>();

  constructor(private readonly windowMs = DEDUPE_WINDOW_MS) {}

  /** Records one sighting; `isNew` is true only for the first Sentinel to publish it. */
  see(event: SentinelEvent, sentinelId: string, at: number): { entry: SeenEvent; isNew: boolean } {
    for (const [k, e] of this.recent) if (at - e.firstAt > this.windowMs) this.recent.delete(k);
    const key = eventIdentity(event);
    const known = this.recent.get(key);
    if (known) {
      if (!known.seenBy.includes(sentinelId)) known.seenBy.push(sentinelId);
      return { entry: known, isNew: false };
    }
    const entry: SeenEvent = { key, event, firstAt: at, seenBy: [sentinelId] };
    this.recent.set(key, entry);
    return { entry, isNew: true };
  }
}
