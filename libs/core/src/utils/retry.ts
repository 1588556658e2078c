/**
 * Calls `attempt` until it returns true, at most `times` times, waiting `delayMs * 2^n` between
 * tries. Returns whether it eventually succeeded.
 */
export async function retryUntilTrue(
  attempt: (n: number) => Promise<boolean>,
  times = 3,
  delayMs = 500,
): Promise<boolean> {
  for (let n = 1; n <= times; n++) {
    if (await attempt(n)) return true;
    if (n < times) await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (n - 1)));
  }
  return false;
}
