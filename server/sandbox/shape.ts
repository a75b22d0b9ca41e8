// Topology shape: the default, its validation, and the order to start nodes in.
import type { ShapeEntry } from './types';

export const DEFAULT_SHAPE: ShapeEntry[] = [
  { name: 'm' },
  { name: 'r1', upstream: 'm' },
  { name: 'r2', upstream: 'm' },
  { name: 'r1a', upstream: 'r1' },
];

// Names become directory names, so keep them to a safe alphabet.
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/;

/**
 * Groups the shape into start levels: masters first, then their replicas, and so on, so every
 * replica's upstream port is known before its redis.conf is written. Throws on a bad shape.
 */
export function startLevels(shape: ShapeEntry[]): ShapeEntry[][] {
  if (shape.length === 0) throw new Error('sandbox shape is empty');
  const names = new Set<string>();
  for (const entry of shape) {
    if (!NAME.test(entry.name))
      throw new Error(`sandbox node name "${entry.name}" must match ${NAME}`);
    if (names.has(entry.name)) throw new Error(`sandbox node name "${entry.name}" appears twice`);
    names.add(entry.name);
  }
  for (const entry of shape) {
    if (entry.upstream !== undefined && !names.has(entry.upstream)) {
      throw new Error(`sandbox node "${entry.name}" has unknown upstream "${entry.upstream}"`);
    }
  }
  const levels: ShapeEntry[][] = [];
  const placed = new Set<string>();
  let pending = shape;
  while (pending.length > 0) {
    const ready = pending.filter((e) => e.upstream === undefined || placed.has(e.upstream));
    if (ready.length === 0) {
      throw new Error(
        `sandbox shape has a replication cycle among: ${pending.map((e) => e.name).join(', ')}`,
      );
    }
    levels.push(ready);
    for (const e of ready) placed.add(e.name);
    pending = pending.filter((e) => !placed.has(e.name));
  }
  return levels;
}
