// Fixed-capacity ring buffer: the newest item overwrites the oldest, so memory never grows.
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(Math.max(1, capacity));
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.items.length;
    if (this.count < this.items.length) this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  /** Oldest first. */
  *values(): IterableIterator<T> {
    const start = (this.next - this.count + this.items.length) % this.items.length;
    for (let i = 0; i < this.count; i++) {
      const item = this.items[(start + i) % this.items.length];
      if (item !== undefined) yield item;
    }
  }

  clear(): void {
    this.items.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
