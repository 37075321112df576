// A progress line on stderr while the demo works: redrawn in place on a terminal, a few plain
// lines otherwise (CI logs, pipes).
type Counter = 'simulated' | 'classified' | 'stored';

export class Progress {
  private readonly counts: Record<Counter, number> = { simulated: 0, classified: 0, stored: 0 };
  private readonly tty = Boolean(process.stderr.isTTY);
  private readonly timer: NodeJS.Timeout | undefined;
  private nextMilestone = 0.25;
  private readonly started = performance.now();

  constructor(private total: number) {
    if (this.tty) this.timer = setInterval(() => this.draw(), 150);
  }

  add(counter: Counter, n: number): void {
    this.counts[counter] += n;
    if (!this.tty && counter === 'stored' && this.counts.stored >= this.nextMilestone * this.total) {
      this.nextMilestone += 0.25;
      process.stderr.write(`${this.line()}\n`);
    }
  }

  setTotal(total: number): void {
    this.total = total;
  }

  private line(): string {
    const pct = this.total ? Math.min(100, Math.floor((100 * this.counts.stored) / this.total)) : 0;
    const width = 24;
    const filled = Math.round((pct / 100) * width);
    const s = ((performance.now() - this.started) / 1000).toFixed(1);
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}%  simulated ${this.counts.simulated}  classified ${this.counts.classified}  stored ${this.counts.stored}  ${s}s`;
  }

  private draw(): void {
    process.stderr.write(`\r${this.line()}`);
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.tty) process.stderr.write(`\r${this.line()}\n`);
  }
}
