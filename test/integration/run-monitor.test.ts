import { describe, expect, it } from 'vitest';
import { monitorHarness } from '../support/monitor-harness';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

describe('a whole run against moto and the Bedrock stand-in', () => {
  it('sends a baseline summary first, then one alert per change, each once', async () => {
    const h = await monitorHarness({ regions: ['us-east-1', 'us-west-2'], time: '2025-10-01T00:00:00Z' });

    const first = await h.run('2025-10-01T00:00:00Z');
    expect(first.outcome).toBe('committed');
    expect(first.regions.map((r) => r.status)).toEqual(['baseline', 'baseline']);
    const baseline = await h.queue.drain();
    console.log(
      JSON.stringify(
        baseline.map((b) => [b.subject, b.body.events.map((e) => [e.kind, e.modelId, e.region])]),
        null,
        1,
      ),
    );

    const legacy = await h.run('2025-10-28T12:00:00Z');
    const messages = await h.queue.drain();
    console.log(
      JSON.stringify(
        messages.map((b) => [
          b.subject,
          b.body.events.map((e) => [e.kind, e.modelId, e.region, e.thresholdDays]),
        ]),
        null,
        1,
      ),
    );
    expect(legacy.outcome).toBe('committed');
    expect(
      messages
        .flatMap((m) => m.body.events)
        .some((e) => e.kind === 'MODEL_LEGACY' && e.modelId === SONNET_37),
    ).toBe(true);
  });
});
