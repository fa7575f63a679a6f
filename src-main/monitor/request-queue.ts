/**
 * Runs async work one piece at a time, in the order it was queued: a monitor's reset, line
 * change and hand-off to the flasher must never interleave on the wire. A failure is passed to
 * its caller and does not stop the queue.
 */
export class RequestQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when everything queued so far has finished (successfully or not). */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
