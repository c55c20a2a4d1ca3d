import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../../lambda/use-cases/map-concurrent';

describe('mapConcurrent', () => {
  it('never has more than the limit in flight and keeps the input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });

  it('handles an empty list', async () => {
    expect(await mapConcurrent([], 4, async (n: number) => n)).toEqual([]);
  });
});
