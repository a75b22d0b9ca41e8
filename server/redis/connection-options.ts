// The ioredis options of every connection the server opens to a topology node (polls, checks,
// repairs): one place for credentials, TLS, timeouts and the fail-fast defaults.
import type { RedisOptions } from 'ioredis';
import type { NodeCredentials } from '../config';
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
