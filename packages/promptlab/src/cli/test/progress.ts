type Progress = { total: number; succeeded: number; errored: number; canceled: number; pending: number };
type Sink = { write(text: string): unknown };

const WIDTH = 30;
const PLAIN_EVERY_MS = 10_000;

/** A bar redrawn in place on a terminal; on a log (CI), a line at each tenth done or every 10 s. */
export class ProgressReporter {
  private lastTenth = -1;
  private lastLineAt = 0;
  private drawn = false;

  constructor(
    private readonly sink: Sink,
    private readonly tty: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  update(p: Progress): void {
    const done = p.total - p.pending;
    const fraction = p.total > 0 ? done / p.total : 1;
    const text = `${done}/${p.total} cells${p.errored ? `, ${p.errored} errored` : ''}`;
    if (this.tty) {
      const filled = Math.round(fraction * WIDTH);
      this.sink.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(fraction * 100)}% ${text}\x1b[K`);
      this.drawn = true;
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth > this.lastTenth || this.now() - this.lastLineAt >= PLAIN_EVERY_MS) {
      this.sink.write(`progress: ${text} (${Math.floor(fraction * 100)}%)\n`);
      this.lastTenth = tenth;
      this.lastLineAt = this.now();
    }
  }

  done(): void {
    if (this.tty && this.drawn) this.sink.write('\n');
    this.drawn = false;
  }
}
