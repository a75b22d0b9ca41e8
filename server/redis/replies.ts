// Shape checks for raw Redis replies (`call`/`callBuffer` answer `unknown`): guards, not casts,
// so a reply of another shape fails here with the command's name instead of somewhere later.

/** An array reply, or an error naming the command. */
export function arrayReply(v: unknown, command: string): unknown[] {
  if (!Array.isArray(v)) throw new Error(`unexpected ${command} reply: expected an array`);
  return v;
}

const isBufferList = (v: unknown): v is Buffer[] => Array.isArray(v) && v.every((x) => Buffer.isBuffer(x));

/** XRANGE: `[[id, [field, value, …]], …]`. */
export function streamEntriesReply(v: unknown, command = 'XRANGE'): Array<[Buffer, Buffer[]]> {
  return arrayReply(v, command).map((entry) => {
    if (!Array.isArray(entry) || !Buffer.isBuffer(entry[0]) || !isBufferList(entry[1])) throw new Error(`unexpected ${command} reply: expected [id, fields] entries`);
    return [entry[0], entry[1]];
  });
}

/** HSCAN/SSCAN/ZSCAN: `[cursor, [item, …]]`. */
export function scanReply(v: unknown, command: string): [Buffer, Buffer[]] {
  const [cursor, items] = arrayReply(v, command);
  if (!Buffer.isBuffer(cursor) || !isBufferList(items)) throw new Error(`unexpected ${command} reply: expected [cursor, items]`);
  return [cursor, items];
}

/** A bulk reply that may be nil (or Lua's false, which ioredis answers as null). */
export const bufferOrNull = (v: unknown): Buffer | null => (Buffer.isBuffer(v) ? v : null);
