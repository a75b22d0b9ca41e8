// The versioned topology delta: only the fields that changed since the version the client holds.
// diff(prev, next) and apply(prev, delta) are inverse: apply(prev, diff(prev, next)) equals next.
// Pure.
import {
  LinkSchema,
  NodeSchema,
  linkKey,
  type Link,
  type Topology,
  type TopologyNode,
  type TopologyPatch,
  type TopologyPatchItem,
  type TopologyPatchPart,
} from '../contracts';

export type { TopologyPatch, TopologyPatchItem };

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `next` that differ from `prev`, and the keys `prev` had that `next` lacks. */
function fieldPatch<T extends object>(
  prev: T | undefined,
  next: T,
): { set: Partial<T>; unset?: string[] } | null {
  if (!prev) return { set: { ...next } };
  const set: Record<string, unknown> = {};
  const prevRec = prev as Record<string, unknown>;
  const nextRec = next as Record<string, unknown>;
  for (const [k, v] of Object.entries(nextRec)) if (!sameValue(prevRec[k], v)) set[k] = v;
  const unset = Object.keys(prevRec).filter((k) => !(k in nextRec));
  if (!Object.keys(set).length && !unset.length) return null;
  return unset.length ? { set: set as Partial<T>, unset } : { set: set as Partial<T> };
}

function diffList<T extends object>(
  prev: readonly T[],
  next: readonly T[],
  keyOf: (x: T) => string,
): TopologyPatchPart<T> {
  const before = new Map(prev.map((x) => [keyOf(x), x]));
  const upsert: Array<TopologyPatchItem<T>> = [];
  for (const x of next) {
    const key = keyOf(x);
    const p = fieldPatch(before.get(key), x);
    if (p) upsert.push({ key, ...p });
  }
  const nextKeys = new Set(next.map(keyOf));
  const remove = prev.map(keyOf).filter((k) => !nextKeys.has(k));
  // apply() keeps survivors in place and appends new items; say the order only when that is wrong.
  const natural = [
    ...prev.map(keyOf).filter((k) => nextKeys.has(k)),
    ...next.map(keyOf).filter((k) => !before.has(k)),
  ];
  const actual = next.map(keyOf);
  const order = natural.some((k, i) => k !== actual[i]) ? actual : undefined;
  return { upsert, remove, ...(order ? { order } : {}) };
}

/** A field packed by index, and how its value is written and read back. */
interface Packing {
  field: string;
  encode: (v: number, generatedAt: number) => number;
  decode: (v: number, generatedAt: number) => number;
}
const same = (v: number) => v;
const NODE_PACKING: Packing[] = [
  { field: 'lastSeenAt', encode: (v, at) => v - at, decode: (v, at) => v + at },
  { field: 'opsPerSec', encode: same, decode: same },
];
const LINK_PACKING: Packing[] = [
  { field: 'lagSeconds', encode: same, decode: same },
  { field: 'lastIoSecondsAgo', encode: same, decode: same },
];

/** Moves packed numeric fields of items that existed before out of their patch into `[index, value]` pairs. */
function pack<T extends object>(
  part: TopologyPatchPart<T>,
  prev: readonly T[],
  keyOf: (x: T) => string,
  packings: Packing[],
  at: number,
): TopologyPatchPart<T> {
  const index = new Map(prev.map((x, i) => [keyOf(x), i]));
  const packed: Record<string, number[]> = {};
  const upsert = part.upsert.filter((item) => {
    const i = index.get(item.key);
    if (i === undefined) return true;
    const set: Record<string, unknown> = item.set;
    for (const p of packings) {
      const v = set[p.field];
      if (typeof v !== 'number') continue;
      (packed[p.field] ??= []).push(i, p.encode(v, at));
      delete set[p.field];
    }
    return Object.keys(set).length > 0 || Boolean(item.unset?.length);
  });
  return Object.keys(packed).length ? { ...part, upsert, packed } : { ...part, upsert };
}

/** The packed pairs back into ordinary patch items; null when an index or field is unknown. */
function unpack<T extends object>(
  part: TopologyPatchPart<T>,
  prev: readonly T[],
  keyOf: (x: T) => string,
  packings: Packing[],
  at: number,
): Array<TopologyPatchItem<T>> | null {
  if (!part.packed) return part.upsert;
  const items = new Map(part.upsert.map((item) => [item.key, { ...item, set: { ...item.set } }]));
  for (const [field, pairs] of Object.entries(part.packed)) {
    const p = packings.find((x) => x.field === field);
    if (!p) return null;
    for (let j = 0; j + 1 < pairs.length; j += 2) {
      const base = prev[pairs[j] as number];
      if (!base) return null;
      const key = keyOf(base);
      const item = items.get(key) ?? { key, set: {} };
      const set: Record<string, unknown> = item.set;
      set[field] = p.decode(pairs[j + 1] as number, at);
      items.set(key, item);
    }
  }
  return [...items.values()];
}

export function diffTopologyVersions(
  prev: Topology,
  next: Topology,
  baseVersion: number,
): TopologyPatch {
  const at = next.generatedAt;
  return {
    version: baseVersion + 1,
    baseVersion,
    generatedAt: at,
    nodes: pack(
      diffList(prev.nodes, next.nodes, (n) => n.id),
      prev.nodes,
      (n) => n.id,
      NODE_PACKING,
      at,
    ),
    links: pack(diffList(prev.links, next.links, linkKey), prev.links, linkKey, LINK_PACKING, at),
  };
}

export function isEmptyPatch(p: TopologyPatch): boolean {
  const quiet = <T>(part: TopologyPatchPart<T>) =>
    !part.upsert.length && !part.remove.length && !part.order && !part.packed;
  return quiet(p.nodes) && quiet(p.links);
}

/** One item with its patch applied; null when a new item's fields do not make a whole one. */
export function patchItem<T extends object>(
  base: T | undefined,
  item: TopologyPatchItem<T>,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T | null {
  const merged: Record<string, unknown> = { ...base, ...item.set };
  for (const k of item.unset ?? []) delete merged[k];
  if (base) return merged as T; // every field came from a valid item or a field of one
  const parsed = schema.safeParse(merged);
  return parsed.success ? parsed.data : null;
}

function applyList<T extends object>(
  prev: readonly T[],
  part: TopologyPatchPart<T>,
  keyOf: (x: T) => string,
  schema: Parameters<typeof patchItem<T>>[2],
  packing: Packing[],
  at: number,
): T[] | null {
  const upsert = unpack(part, prev, keyOf, packing, at);
  if (!upsert) return null;
  const byKey = new Map(prev.map((x) => [keyOf(x), x]));
  const order = prev.map(keyOf);
  for (const key of part.remove) byKey.delete(key);
  for (const item of upsert) {
    const base = byKey.get(item.key);
    const patched = patchItem(base, item, schema);
    if (!patched) return null;
    if (!base) order.push(item.key);
    byKey.set(item.key, patched);
  }
  const out: T[] = [];
  for (const key of part.order ?? order) {
    const x = byKey.get(key);
    if (x) out.push(x);
  }
  return out.length === byKey.size ? out : null;
}

/**
 * The topology at `delta.version`, or null when the delta does not apply (it was made against
 * another version, or it is malformed): the caller re-reads the whole snapshot.
 */
export function applyTopologyPatch(
  prev: Topology,
  prevVersion: number,
  delta: TopologyPatch,
): Topology | null {
  if (delta.baseVersion !== prevVersion) return null;
  const at = delta.generatedAt;
  const nodes = applyList<TopologyNode>(
    prev.nodes,
    delta.nodes,
    (n) => n.id,
    NodeSchema,
    NODE_PACKING,
    at,
  );
  const links = applyList<Link>(prev.links, delta.links, linkKey, LinkSchema, LINK_PACKING, at);
  if (!nodes || !links) return null;
  return { generatedAt: delta.generatedAt, nodes, links };
}
