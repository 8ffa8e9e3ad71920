/** Fixed-size window of recent samples; recording allocates nothing. */
export class RollingWindow {
  private readonly values: Float64Array;
  private readonly sorted: Float64Array;
  private count = 0;
  private next = 0;

  constructor(readonly size: number) {
    this.values = new Float64Array(size);
    this.sorted = new Float64Array(size);
  }

  push(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
    this.count = Math.min(this.count + 1, this.size);
  }

  get length(): number {
    return this.count;
  }

  /** Median of the window, NaN when empty. */
  median(): number {
    if (this.count === 0) return Number.NaN;
    const view = this.sorted.subarray(0, this.count);
    view.set(this.values.subarray(0, this.count));
    view.sort();
    const mid = this.count >> 1;
    return this.count % 2 ? view[mid]! : (view[mid - 1]! + view[mid]!) / 2;
  }

  /** Oldest and newest sample, for rates over the window. */
  span(): number {
    if (this.count < 2) return 0;
    const newest = this.values[(this.next - 1 + this.size) % this.size]!;
    const oldest = this.values[this.count < this.size ? 0 : this.next]!;
    return newest - oldest;
  }

  clear(): void {
    this.count = 0;
    this.next = 0;
  }
}
