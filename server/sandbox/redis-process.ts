// Spawns one redis-server from its config file and waits until it answers PING.
import { spawn, type ChildProcess } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { track } from './process-reaper';
import { probe, RedisReplyError, type ProbeTarget } from './redis-probe';
import { sleep } from './wait';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RedisProcess {
  child: ChildProcess;
  pid: number;
  /** Settles when the process is gone, whoever ended it. */
  exited: Promise<ExitInfo>;
  isRunning(): boolean;
}

export interface SpawnRedisInput {
  bin: string;
  configFile: string;
  logFile: string;
  target: ProbeTarget;
  timeoutMs: number;
  /** Arguments after the config file (`--sentinel` starts a Sentinel). */
  extraArgs?: string[];
}

/** Redis could not bind its port: the caller may retry on another one. */
export class AddressInUseError extends Error {}

export async function spawnRedis(input: SpawnRedisInput): Promise<RedisProcess> {
  // A restart appends to the same log; only what this process writes tells why it failed.
  const logOffset = await stat(input.logFile).then(
    (s) => s.size,
    () => 0,
  );
  // Not detached: the child stays in our process group, so a Ctrl-C in the terminal reaches
  // it too. stdout is unused (logfile is set); stderr carries config errors printed before
  // the logfile opens.
  const child = spawn(input.bin, [input.configFile, ...(input.extraArgs ?? [])], {
    detached: false,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  let running = true;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
    child.once('error', () => {
      running = false;
      resolve({ code: null, signal: null });
    });
  });
  if (child.pid !== undefined) track(child);
  const proc: RedisProcess = { child, pid: child.pid ?? -1, exited, isRunning: () => running };

  const deadline = Date.now() + input.timeoutMs;
  let lastError = 'no attempt';
  while (running && Date.now() < deadline) {
    try {
      await probe(input.target, ['PING'], 500);
      return proc;
    } catch (err) {
      // LOADING means it is up and reading its RDB/AOF: keep waiting, like a client would.
      lastError = err instanceof RedisReplyError ? err.message : String((err as Error).message);
    }
    await sleep(25);
  }
  if (running) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(
      `redis-server (${input.configFile}) did not answer PING in ${input.timeoutMs} ms: ${lastError}`,
    );
  }
  const exit = await exited;
  const log = `${await readFrom(input.logFile, logOffset)}\n${stderr}`;
  if (/Address already in use/i.test(log))
    throw new AddressInUseError(`port ${input.target.port} is in use`);
  const why = lastLines(log, 6) || `exit ${exit.code ?? exit.signal}`;
  throw new Error(`redis-server (${input.configFile}) exited during start-up: ${why}`);
}

/** Signals the process and waits until it is gone. A stopped process gets SIGCONT too. */
export async function stopProcess(proc: RedisProcess, signal: NodeJS.Signals): Promise<ExitInfo> {
  if (proc.isRunning()) {
    proc.child.kill(signal);
    // SIGTERM/SIGINT stay pending on a SIGSTOPped process until it runs again.
    if (signal !== 'SIGKILL') proc.child.kill('SIGCONT');
  }
  return proc.exited;
}

async function readFrom(file: string, offset: number): Promise<string> {
  try {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      const length = Math.min(Math.max(size - offset, 0), 64_000);
      const buf = Buffer.alloc(length);
      await fh.read(buf, 0, length, size - length);
      return buf.toString();
    } finally {
      await fh.close();
    }
  } catch {
    return '';
  }
}

function lastLines(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-n)
    .join(' | ');
}
