/** Resolves like `work`, or rejects after `ms` (the timer is always cleared, and never holds the process). */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
        timer.unref(); // a guard on a call must never be what keeps the process alive
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
