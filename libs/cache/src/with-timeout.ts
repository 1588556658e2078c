/**
 * Resolves like `work`, or rejects after `ms` (the timer is always cleared, and never holds the
 * process). Two promises per call, not an async function around Promise.race: it guards a Redis
 * call on every request (see MaybePromise in @app/core).
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    timer.unref(); // a guard on a call must never be what keeps the process alive
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // The work's own rejection, passed on as it is.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(error);
      },
    );
  });
}
