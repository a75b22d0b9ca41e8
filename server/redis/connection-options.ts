// The ioredis options of every connection the server opens to a topology node (polls, checks,
// repairs): one place for credentials, TLS, timeouts and the fail-fast defaults.
import type { RedisOptions } from 'ioredis';
import type { NodeCredentials } from '../config';
import type { Logger } from '../logger';
import { tlsOptions } from './tls-options';

export interface NodeConnection {
  host: string;
  port: number;
  credentials: NodeCredentials;
  /** CLIENT SETNAME: an operator sees in CLIENT LIST who is connected and why. */
  name: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** Delay before reconnect attempt `times`, or null to stay closed (one-shot connections). */
  retryStrategy: (times: number) => number | null;
}

/** A one-shot connection fails and stays closed: a command never silently goes out later. */
export const NEVER_RECONNECT = (): null => null;

export function connectionOptions(c: NodeConnection): RedisOptions {
  return {
    host: c.host,
    port: c.port,
    username: c.credentials.username,
    password: c.credentials.password,
    tls: tlsOptions(c.credentials),
    connectionName: c.name,
    connectTimeout: c.connectTimeoutMs,
    commandTimeout: c.commandTimeoutMs,
    // A dead node never piles up commands: they fail now instead of queueing for a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // A LOADING replica must still answer INFO: we want to see `loading:1`, not wait for it.
    enableReadyCheck: false,
    lazyConnect: true,
    autoResubscribe: false,
    retryStrategy: c.retryStrategy,
  };
}

/**
 * A long-lived link to a node or a Sentinel (the monitor's poll, a Sentinel's command and event
 * connections): it reconnects on its own, with a capped backoff.
 */
export interface LinkOptions {
  host: string;
  port: number;
  /** The instance's own user/password and TLS (a Sentinel's, never the data nodes'). */
  credentials: NodeCredentials;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  maxBackoffMs: number;
  log: Logger;
}

/** Delay before reconnect attempt `times`: 200 ms, 400 ms, … capped at `maxMs`; `firstMs` for the first. */
export function backoff(maxMs: number, firstMs?: number): (times: number) => number {
  return (times) =>
    times === 1 && firstMs !== undefined ? firstMs : Math.min(100 * 2 ** Math.min(times, 10), maxMs);
}

/** The ioredis options of a long-lived link, named `name` in CLIENT LIST. */
export function linkOptions(
  link: LinkOptions,
  name: string,
  retryStrategy: (times: number) => number | null = backoff(link.maxBackoffMs),
): RedisOptions {
  return connectionOptions({
    host: link.host,
    port: link.port,
    credentials: link.credentials,
    name,
    connectTimeoutMs: link.connectTimeoutMs,
    commandTimeoutMs: link.commandTimeoutMs,
    retryStrategy,
  });
}
