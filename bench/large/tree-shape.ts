// The bench trees and flags, one copy: 1 master → up to 10 replicas → the rest as sub-replicas
// spread evenly under them (the shape every scale bench and profile uses), and `--name value`
// numeric flags with a default.
import { startSandbox, type Sandbox, type ShapeEntry } from '../../server/sandbox';

export function shapeOf(n: number): ShapeEntry[] {
  const shape: ShapeEntry[] = [{ name: 'm' }];
  const mids = Math.min(10, n - 1);
  for (let i = 1; i <= mids; i++) shape.push({ name: `r${i}`, upstream: 'm' });
  for (let j = 0; shape.length < n; j++)
    shape.push({ name: `r${(j % mids) + 1}s${Math.floor(j / mids) + 1}`, upstream: `r${(j % mids) + 1}` });
  return shape;
}

/** `numberFlag(args)('nodes', 200)`: the number after `--nodes`, or the default. */
export function numberFlag(args: string[]): (name: string, fallback: number) => number {
  return (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
}

/**
 * The quiet N-node bench tree: real redis-servers with `--hz 1`, no persistence, `maxmemory
 * 8mb`, 20 started at a time (what every in-process scale bench measures against).
 */
export function startQuietTree(n: number): Promise<Sandbox> {
  return startSandbox({
    shape: shapeOf(n),
    masterPersistence: 'none',
    commonConfig: { hz: '1', save: '""', appendonly: 'no', maxmemory: '8mb' },
    spawnConcurrency: 20,
    timeoutMs: Math.max(120_000, n * 1000),
  });
}
