export interface ConcurrencyOptions {
  /** Jobs one key may run at once. */
  readonly perKey: number;
  /** Jobs all keys together may run at once. */
  readonly total: number;
}

/** Bounds how many jobs run at once, per key and in all; a job over the bound is refused. */
export class ConcurrencyLimiter {
  private readonly running = new Map<string, number>();
  private total = 0;

  constructor(private readonly options: ConcurrencyOptions) {}

  /** A release function when `key` may start a job now, else null. */
  tryAcquire(key: string): (() => void) | null {
    const mine = this.running.get(key) ?? 0;
    if (mine >= this.options.perKey || this.total >= this.options.total) return null;
    this.running.set(key, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.running.get(key) ?? 1) - 1;
      if (left > 0) this.running.set(key, left);
      else this.running.delete(key);
    };
  }
}
