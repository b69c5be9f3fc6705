/**
 * The chunks staging may still hand over before the apply takes one: `take` waits for a credit, `grant` gives
 * more, `close` makes a waiting or later `take` fail (the apply stopped). The same on both sides of a worker
 * thread and on the main thread.
 */
export class Credits {
  private available = 0;
  private closed = false;
  private waiting?: () => void;

  grant(chunks: number): void {
    this.available += chunks;
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  async take(): Promise<void> {
    while (this.available === 0) {
      if (this.closed) {
        throw new Error('Staging stopped');
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    this.available--;
  }

  private wake(): void {
    const resume = this.waiting;
    this.waiting = undefined;
    resume?.();
  }
}
