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
import { jsonEqual } from './json-equal';
import { LINK_PACKING, NODE_PACKING, pack, unpack, type Packing } from './topology-delta-packing';

export type { TopologyPatch, TopologyPatchItem };

/** The fields of `next` that differ from `prev`, and the keys `prev` had that `next` lacks. */
function fieldPatch<T extends object>(
  prev: T | undefined,
  next: T,
): { set: Partial<T>; unset?: string[] } | null {
  if (!prev) return { set: { ...next } };
  const set: Record<string, unknown> = {};
  const prevRec = prev as Record<string, unknown>;
  const nextRec = next as Record<string, unknown>;
  let changed = false;
  for (const k in nextRec) {
    if (!Object.hasOwn(nextRec, k) || jsonEqual(prevRec[k], nextRec[k])) continue;
    set[k] = nextRec[k];
    changed = true;
  }
  let unset: string[] | undefined;
  for (const k in prevRec) if (Object.hasOwn(prevRec, k) && !(k in nextRec)) (unset ??= []).push(k);
  if (!changed && !unset) return null;
  return unset ? { set: set as Partial<T>, unset } : { set: set as Partial<T> };
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
    !part.upsert.length && !part.remove.length && !part.order && !part.packed && !part.columns;
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
