// Reads what the comparison needs about a batch of keys in one short server-side call per
// batch: TYPE, PTTL, logical length and — only for keys within the DUMP limits — the DUMP
// payload. Batching in a script cuts per-key overhead ~10× against a plain pipeline; the batch
// size bounds how long Redis is busy. The same script reads whole small values for the
// canonical comparison (7.0 small sets are hash tables: their DUMP order differs between nodes).
// Where scripting is not allowed (ACL, renamed EVAL) it falls back to pipelined commands.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { canonicalFromReply, type CanonicalValue } from '../../lib/consistency/canonical-diff';
import type { KeyProbe } from '../../lib/consistency/classify';
import { logger } from '../logger';
import { errorText } from '../error-text';
import { arrayReply, bufferOrNull } from '../redis/replies';

const log = logger('consistency');

const PROBE_LUA = `
local mode, maxn, maxb = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local out = {}
for i = 1, #KEYS do
  local k = KEYS[i]
  if mode == 'e' then
    out[i] = redis.call('EXISTS', k)
  elseif mode == 'v' then
    local t = redis.call('TYPE', k)['ok']
    local v = {}
    if t == 'string' then v = {redis.call('GET', k)}
    elseif t == 'list' then v = redis.call('LRANGE', k, 0, -1)
    elseif t == 'set' then v = redis.call('SMEMBERS', k)
    elseif t == 'zset' then v = redis.call('ZRANGE', k, 0, -1, 'WITHSCORES')
    elseif t == 'hash' then v = redis.call('HGETALL', k)
    elseif t == 'stream' then v = redis.call('XRANGE', k, '-', '+') end
    out[i] = {t, v}
  else
    local t = redis.call('TYPE', k)['ok']
    local n, d = 0, false
    if t == 'string' then n = redis.call('STRLEN', k)
    elseif t == 'list' then n = redis.call('LLEN', k)
    elseif t == 'set' then n = redis.call('SCARD', k)
    elseif t == 'zset' then n = redis.call('ZCARD', k)
    elseif t == 'hash' then n = redis.call('HLEN', k)
    elseif t == 'stream' then n = redis.call('XLEN', k) end
    if t ~= 'none' and ((t == 'string' and n <= maxb) or (t ~= 'string' and n <= maxn)) then
      if t == 'set' then
        -- Sorted, length-prefixed members: equal sets give equal bytes whatever the encoding.
        local m = redis.call('SMEMBERS', k)
        table.sort(m)
        for j = 1, #m do m[j] = #m[j] .. ':' .. m[j] end
        d = 'set:' .. table.concat(m, ',')
      else
        d = redis.call('DUMP', k)
      end
    end
    local b = (i - 1) * 4
    out[b + 1] = t
    out[b + 2] = redis.call('PTTL', k)
    out[b + 3] = n
    out[b + 4] = d
  end
end
return out`;
const PROBE_SHA = createHash('sha1').update(PROBE_LUA).digest('hex');

const LENGTH_CMD: Record<string, string> = { string: 'STRLEN', list: 'LLEN', set: 'SCARD', zset: 'ZCARD', hash: 'HLEN', stream: 'XLEN' };

export interface DumpLimits {
  maxElements: number;
  maxBytes: number;
}

const text = (v: unknown): string => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v));
const deep = (v: unknown): unknown => (Buffer.isBuffer(v) ? v.toString('latin1') : Array.isArray(v) ? v.map(deep) : v);

type Command = [name: string, ...args: Array<string | Buffer | number>];
const VALUE_CMD: Record<string, (k: Buffer) => Command> = {
  string: (k) => ['GET', k],
  list: (k) => ['LRANGE', k, 0, -1],
  set: (k) => ['SMEMBERS', k],
  zset: (k) => ['ZRANGE', k, 0, -1, 'WITHSCORES'],
  hash: (k) => ['HGETALL', k],
  stream: (k) => ['XRANGE', k, '-', '+'],
};

export class KeyProber {
  private useScript = true;

  constructor(
    private readonly redis: Redis,
    private readonly limits: DumpLimits,
    private readonly batchSize: number,
  ) {}

  /** Small enough to DUMP and to read whole in one batched call. */
  isSmall(p: KeyProbe): boolean {
    return p.size <= (p.type === 'string' ? this.limits.maxBytes : this.limits.maxElements);
  }

  /** Every chunk goes out at once: the calls queue on one connection, Redis runs them in turn. */
  async probe(keys: Buffer[]): Promise<KeyProbe[]> {
    const chunks = await Promise.all(this.chunks(keys).map((c) => this.probeChunk(c)));
    return chunks.flat();
  }

  /**
   * Whole values of keys the caller knows are within the DUMP limits; null where the type
   * changed meanwhile or has no canonical form.
   */
  async values(keys: Buffer[], types: string[]): Promise<Array<CanonicalValue | null>> {
    const chunks = this.chunks(keys.map((k, i) => [k, types[i] ?? 'none'] as const));
    const out = await Promise.all(chunks.map((c) => this.valuesChunk(c.map(([k]) => k), c.map(([, t]) => t))));
    return out.flat();
  }

  private async valuesChunk(keys: Buffer[], types: string[]): Promise<Array<CanonicalValue | null>> {
    const reply = this.useScript ? await this.script(keys, 'v') : null;
    if (reply)
      return reply.map((r, i) => {
        // The script answers {type, value} per key.
        const [type, value] = arrayReply(deep(r), 'EVAL');
        return typeof type === 'string' && type === types[i] ? canonicalFromReply(type, type === 'string' ? [value].flat() : value) : null;
      });
    const p = this.redis.pipeline();
    keys.forEach((key, i) => {
      const cmd = VALUE_CMD[types[i] ?? ''];
      if (cmd) p.callBuffer(...cmd(key));
      else p.echo('');
    });
    const replies = await exec(p);
    return replies.map((r, i) => {
      const type = types[i] ?? '';
      return VALUE_CMD[type] ? canonicalFromReply(type, type === 'string' ? [deep(r)] : deep(r)) : null;
    });
  }

  async exists(keys: Buffer[]): Promise<boolean[]> {
    const chunks = await Promise.all(this.chunks(keys).map((c) => this.existsChunk(c)));
    return chunks.flat();
  }

  private chunks<T>(keys: T[]): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < keys.length; i += this.batchSize) out.push(keys.slice(i, i + this.batchSize));
    return out;
  }

  private async probeChunk(keys: Buffer[]): Promise<KeyProbe[]> {
    const reply = this.useScript ? await this.script(keys, 'p') : null;
    if (!reply) return this.pipelineProbe(keys);
    return keys.map((_, i) => ({
      type: text(reply[i * 4]),
      pttl: Number(reply[i * 4 + 1]),
      size: Number(reply[i * 4 + 2]),
      dump: bufferOrNull(reply[i * 4 + 3]),
    }));
  }

  private async existsChunk(keys: Buffer[]): Promise<boolean[]> {
    const reply = this.useScript ? await this.script(keys, 'e') : null;
    if (reply) return reply.map((v) => Number(v) === 1);
    const p = this.redis.pipeline();
    for (const k of keys) p.exists(k);
    return (await exec(p)).map((v) => Number(v) === 1);
  }

  /** null: scripting is not available here, use the pipeline from now on. */
  private async script(keys: Buffer[], mode: 'p' | 'e' | 'v'): Promise<unknown[] | null> {
    const args = [String(keys.length), ...keys, mode, String(this.limits.maxElements), String(this.limits.maxBytes)];
    try {
      return arrayReply(await this.redis.callBuffer('EVALSHA', PROBE_SHA, ...args), 'EVALSHA');
    } catch (err) {
      const msg = errorText(err);
      if (/NOSCRIPT/.test(msg)) return arrayReply(await this.redis.callBuffer('EVAL', PROBE_LUA, ...args), 'EVAL');
      if (/NOPERM|unknown command|ERR .*script|disabled/i.test(msg)) {
        log.info({ err: msg }, 'scripting not available; comparing with pipelined commands');
        this.useScript = false;
        return null;
      }
      throw err;
    }
  }

  /** Three pipelined round trips: TYPE+PTTL, lengths, then DUMP of the keys within the limits. */
  private async pipelineProbe(keys: Buffer[]): Promise<KeyProbe[]> {
    const p1 = this.redis.pipeline();
    for (const k of keys) p1.type(k).pttl(k);
    const r1 = await exec(p1);
    const probes: KeyProbe[] = keys.map((_, i) => ({ type: String(r1[i * 2]), pttl: Number(r1[i * 2 + 1]), size: 0, dump: null }));
    const withKeys = probes.flatMap((p, i) => {
      const key = keys[i];
      return key ? [{ p, key }] : [];
    });
    const present = withKeys.flatMap(({ p, key }) => {
      const cmd = LENGTH_CMD[p.type];
      return cmd ? [{ p, key, cmd }] : [];
    });
    const p2 = this.redis.pipeline();
    for (const { key, cmd } of present) p2.call(cmd, key);
    (await exec(p2)).forEach((n, j) => {
      const entry = present[j];
      if (entry) entry.p.size = Number(n);
    });
    const small = withKeys.filter(({ p }) => p.type !== 'none' && p.size <= (p.type === 'string' ? this.limits.maxBytes : this.limits.maxElements));
    const p3 = this.redis.pipeline();
    for (const { key } of small) p3.dumpBuffer(key);
    (await exec(p3)).forEach((d, j) => {
      const entry = small[j];
      if (entry) entry.p.dump = bufferOrNull(d);
    });
    return probes;
  }
}

async function exec(p: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
  const replies = (await p.exec()) ?? [];
  return replies.map(([err, v]) => {
    if (err) throw err;
    return v;
  });
}
