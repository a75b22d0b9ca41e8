'use client';
// One server-side run followed live (an action, a check, a drill): its socket events while `id`
// is set, plus a REST poll while it runs, since events sent while the socket was down are lost.
// The state stays with the caller; this only delivers what arrives.
import { useEffect, useEffectEvent } from 'react';
import { SOCKET_PAYLOAD_SCHEMAS, type ParsedSocketEvent, type ServerToClientEvents } from '@/lib/contracts';
import { pollLoop } from './poll-loop';
import { getSocket, onParsed } from './socket-client';

type AnyListener = (...args: unknown[]) => void;
type RunEvents = Partial<Pick<ServerToClientEvents, ParsedSocketEvent>>;

const isParsedEvent = (name: string): name is ParsedSocketEvent => Object.hasOwn(SOCKET_PAYLOAD_SCHEMAS, name);

export interface LiveRunOptions<T> {
  /** The run to follow; null follows nothing. */
  id: string | null;
  /** The poll runs only while this holds; socket listeners stay as long as `id` is set. */
  isRunning: boolean;
  pollMs: number;
  fetchRun: (id: string, signal: AbortSignal) => Promise<T>;
  onFetched: (run: T) => void;
  /** Socket handlers (payloads checked against lib/contracts); each sees the latest render. */
  events: RunEvents;
}

export function useLiveRun<T>({
  id,
  isRunning,
  pollMs,
  fetchRun,
  onFetched,
  events,
}: LiveRunOptions<T>): void {
  const fetchLatest = useEffectEvent(fetchRun);
  const deliver = useEffectEvent(onFetched);
  // The handlers' types differ per event; each is called with exactly what its event carries.
  const handle = useEffectEvent((name: ParsedSocketEvent, args: unknown[]) =>
    (events[name] as AnyListener | undefined)?.(...args),
  );
  // Resubscribe only when the set of event names changes, not on every new handler.
  const names = Object.keys(events).join(' ');

  useEffect(() => {
    if (!id) return;
    const socket = getSocket();
    const offs = names
      .split(' ')
      .filter(isParsedEvent)
      .map((name) => onParsed(socket, name, (payload) => handle(name, [payload])));
    return () => {
      for (const off of offs) off();
    };
  }, [id, names]);

  useEffect(() => {
    if (!id || !isRunning) return;
    return pollLoop(async (signal) => {
      try {
        deliver(await fetchLatest(id, signal));
      } catch {
        // transient: the next poll and the socket events still come
      }
    }, pollMs);
  }, [id, isRunning, pollMs]);
}
