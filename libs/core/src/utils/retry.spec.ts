import { retryUntilTrue } from './retry';

describe('retryUntilTrue', () => {
  it('stops at the first success', async () => {
    const attempt = jest.fn().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    await expect(retryUntilTrue(attempt, 5, 1)).resolves.toBe(true);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('gives up after the given number of tries', async () => {
    const attempt = jest.fn().mockResolvedValue(false);
    await expect(retryUntilTrue(attempt, 3, 1)).resolves.toBe(false);
    expect(attempt).toHaveBeenCalledTimes(3);
  });
});
