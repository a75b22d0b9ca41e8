// Renders one node's redis.conf; the file stays in the node's dir so an operator can read it.
import type { Persistence, UpstreamAddress } from './types';

export interface NodeConfigInput {
  name: string;
  host: string;
  port: number;
  dir: string;
  logFile: string;
  persistence: Persistence;
  replicaOf?: UpstreamAddress;
  password?: string;
  commonConfig?: Record<string, string>;
  extraConfig?: Record<string, string>;
}

export const RDB_FILE = 'dump.rdb';
export const AOF_DIR = 'appendonlydir';

const PERSISTENCE: Record<Persistence, Record<string, string>> = {
  rdb: { save: '60 1000 300 10 900 1', appendonly: 'no' },
  aof: { save: '""', appendonly: 'yes', appendfsync: 'everysec' },
  // No RDB, no AOF: a restart comes back empty and wipes its replicas (reference §9, s25).
  none: { save: '""', appendonly: 'no' },
};

/** Redis config string quoting: double quotes, with backslash escapes for `\` and `"`. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function renderConfig(input: NodeConfigInput): string {
  // A map keyed by directive so user overrides replace a default instead of adding a second
  // line (`save` lines, for one, accumulate rather than override).
  const directives = new Map<string, string>([
    ['bind', input.host],
    ['port', String(input.port)],
    // Safe only because bind is loopback; lets tests connect without a password.
    ['protected-mode', 'no'],
    // The sandbox owns the process: it must stay a direct child so its PID can be signalled.
    ['daemonize', 'no'],
    ['dir', input.dir],
    ['logfile', input.logFile],
    ['loglevel', 'notice'],
    ['dbfilename', RDB_FILE],
    ['appenddirname', AOF_DIR],
    // Fault drills use DEBUG SLEEP / DEBUG CHANGE-REPL-ID from this host only.
    ['enable-debug-command', 'local'],
    // Default is 5 s of waiting for more replicas before a diskless full sync; in a sandbox
    // that only makes every sync (and every test) 5 s slower.
    ['repl-diskless-sync-delay', '0'],
  ]);
  for (const [k, v] of Object.entries(PERSISTENCE[input.persistence])) directives.set(k, v);
  if (input.password !== undefined) {
    directives.set('requirepass', quote(input.password));
    directives.set('masterauth', quote(input.password));
  }
  if (input.replicaOf)
    directives.set('replicaof', `${input.replicaOf.host} ${input.replicaOf.port}`);
  for (const extra of [input.commonConfig, input.extraConfig]) {
    for (const [k, v] of Object.entries(extra ?? {})) directives.set(k.toLowerCase(), v);
  }

  const lines = [
    `# ReplicaOps sandbox node "${input.name}". Written by startSandbox(); restart() reuses it as is.`,
    ...[...directives].map(([k, v]) => `${k} ${v}`),
  ];
  return `${lines.join('\n')}\n`;
}
