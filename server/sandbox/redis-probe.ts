// One-shot RESP commands over a fresh TCP connection, for the sandbox's own health checks.
// Why not ioredis: a probe must have no reconnect state to carry across kill/restart/pause,
// and must give up after `timeoutMs` even when the node is SIGSTOPped.
import net from 'node:net';

export class RedisReplyError extends Error {}

export interface ProbeTarget {
  host: string;
  port: number;
  password?: string;
}

/** Sends AUTH (if a password is set) then `args`; resolves with the last reply as text. */
export function probe(target: ProbeTarget, args: string[], timeoutMs = 1_000): Promise<string> {
  const commands = target.password !== undefined ? [['AUTH', target.password], args] : [args];
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    let buffer = Buffer.alloc(0);
    const replies: Array<string | RedisReplyError> = [];
    const done = (err: Error | undefined, value?: string) => {
      socket.destroy();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value ?? '');
    };
    const timer = setTimeout(
      () => done(new Error(`no reply from ${target.host}:${target.port} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('connect', () => socket.write(commands.map(encode).join('')));
    socket.on('error', (err) => done(err));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      try {
        for (let parsed = parseReply(buffer); parsed; parsed = parseReply(buffer)) {
          replies.push(parsed.value);
          buffer = buffer.subarray(parsed.length);
        }
      } catch (err) {
        return done(err as Error);
      }
      if (replies.length < commands.length) return;
      const failed = replies.find((r): r is RedisReplyError => r instanceof RedisReplyError);
      if (failed) done(failed);
      else done(undefined, replies[replies.length - 1] as string);
    });
  });
}

function encode(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** Parses one simple/error/integer/bulk reply (all our probes get); undefined if incomplete. */
function parseReply(buf: Buffer): { value: string | RedisReplyError; length: number } | undefined {
  const eol = buf.indexOf('\r\n');
  if (eol < 0) return undefined;
  const head = buf.subarray(1, eol).toString();
  switch (String.fromCharCode(buf[0] ?? 0)) {
    case '+':
    case ':':
      return { value: head, length: eol + 2 };
    case '-':
      return { value: new RedisReplyError(head), length: eol + 2 };
    case '$': {
      const size = Number(head);
      if (size < 0) return { value: '', length: eol + 2 };
      const end = eol + 2 + size;
      if (buf.length < end + 2) return undefined;
      return { value: buf.subarray(eol + 2, end).toString(), length: end + 2 };
    }
    default:
      throw new Error(`unexpected reply from redis: ${buf.subarray(0, 40).toString()}`);
  }
}

/** `key:value` lines of an INFO reply (section headers and blanks dropped). */
export function infoFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}
