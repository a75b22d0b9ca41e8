// What a drill broke and changed, so it can be put back: active faults (undone one type at a
// time or all, newest first) and settings to restore at cleanup. Shared by the replication and
// the Redis Cluster drills.
import type { FaultType } from '../../lib/drills/scenario-types';
import { errorText } from '../error-text';

type Undo = () => Promise<void>;

export class UndoLedger {
  private readonly active: Array<{ type: FaultType; undo: Undo }> = [];
  private readonly restorers: Undo[] = [];

  /** A fault now in place, and how to take it out. */
  fault(type: FaultType, undo: Undo): void {
    this.active.push({ type, undo });
  }

  /** A setting changed for the drill, put back by cleanup(). */
  restoreLater(restore: Undo): void {
    this.restorers.push(restore);
  }

  /** Undoes the newest active fault of `type`, or every active fault, newest first. */
  async remove(type?: FaultType): Promise<string> {
    const picked =
      type === undefined
        ? [...this.active].reverse()
        : this.active.filter((a) => a.type === type).slice(-1);
    if (!picked.length) return 'nothing to remove';
    for (const a of picked) {
      await a.undo();
      this.active.splice(this.active.indexOf(a), 1);
    }
    return `removed ${picked.map((a) => a.type).join(', ')}`;
  }

  /** Every fault still active, then every setting (newest first); a failure does not stop the rest. */
  async cleanup(): Promise<string[]> {
    const problems: string[] = [];
    for (const step of [() => this.remove(), ...[...this.restorers].reverse()]) {
      try {
        await step();
      } catch (err) {
        problems.push(errorText(err));
      }
    }
    return problems;
  }
}
