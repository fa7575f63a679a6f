/**
 * Server answers awaited by the client, first in first out per command: RFC 2217 answers carry
 * no request id, and a server answers in the order it received the commands.
 */

interface Waiter {
  readonly resolve: (value: Uint8Array) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class AnswerWaiters {
  private readonly pending = new Map<number, Waiter[]>();

  /** Resolves with the answer's value; rejects with onTimeout() after timeoutMs. */
  wait(command: number, timeoutMs: number, onTimeout: () => Error): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const queue = this.pending.get(command) ?? [];
      this.pending.set(command, queue);
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(onTimeout());
        }, timeoutMs),
      };
      queue.push(waiter);
    });
  }

  /** An answer arrived; returns false when nobody waited for it (unsolicited or ignored). */
  answer(command: number, value: Uint8Array): boolean {
    const waiter = this.pending.get(command)?.shift();
    if (waiter === undefined) return false;
    clearTimeout(waiter.timer);
    waiter.resolve(value);
    return true;
  }

  rejectAll(error: Error): void {
    for (const queue of this.pending.values()) {
      for (const waiter of queue.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(error);
      }
    }
  }
}
