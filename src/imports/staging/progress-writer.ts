/**
 * Records an import's progress (rows read) as it comes, without holding up the import: one write at a time, the
 * latest count wins, a failed write is only a missed update. `stop` waits for the write in flight and drops the rest.
 */
export class ProgressWriter {
  private latest = 0;
  private written = 0;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly write: (rowsRead: number) => Promise<void>) {}

  record(rowsRead: number): void {
    this.latest = rowsRead;
    if (!this.running && !this.stopped) {
      this.running = this.drain();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.written < this.latest) {
      const count = this.latest;
      await this.write(count).catch(() => undefined);
      this.written = count;
    }
    this.running = undefined;
  }
}
