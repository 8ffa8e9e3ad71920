/** A one-line progress bar with count and ETA, drawn only on a terminal. */
export class ProgressBar {
  private readonly started = performance.now();
  private done = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.draw();
  }

  tick(): void {
    this.done += 1;
    this.draw();
    if (this.done === this.total && this.stream.isTTY) this.stream.write('\n');
  }

  private draw(): void {
    if (!this.stream.isTTY) return;
    const width = 28;
    const filled = Math.round((width * this.done) / Math.max(this.total, 1));
    const elapsedS = (performance.now() - this.started) / 1000;
    const etaS = this.done > 0 ? (elapsedS / this.done) * (this.total - this.done) : Number.NaN;
    const eta = Number.isFinite(etaS) ? `ETA ${Math.ceil(etaS)}s` : 'ETA …';
    this.stream.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${eta}  `,
    );
  }
}
