/** Node-style callbacks as promises, for SerialPortStream's callback API. */

export type Callback = (error: Error | null | undefined) => void;

export function viaCallback(operation: (callback: Callback) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    operation((error) => (error ? reject(error) : resolve()));
  });
}

/** Waits for `promise` at most `limitMs`; a late result or error is ignored. */
export function withinMs(promise: Promise<void>, limitMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, limitMs);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
