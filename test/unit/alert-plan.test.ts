import { describe, expect, it } from 'vitest';
import { diffRegion } from '../../lambda/domain/diff';
import { planAlerts, SNS_MAX_BYTES } from '../../lambda/messages/alert-plan';
import { messageBytes, renderAlert } from '../../lambda/messages/sns-message';
import { legacySonnet } from '../support/models';

const CONTEXT = { tableName: 'BedrockLifecycleMonitor-History', tableRegion: 'us-east-1' };
const THRESHOLDS = [90, 30, 14, 7, 1];

describe('message size', () => {
  const observedAt = '2026-01-01T00:00:00.000Z';
  const legacyModels = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      legacySonnet({ modelId: `meta.llama-${i}-v1:0`, modelName: `Llama ${i}`, provider: 'Meta' }),
    );
  const baseline = (n: number, regions: string[]) =>
    regions.flatMap(
      (region) =>
        diffRegion({
          region,
          previous: undefined,
          listing: legacyModels(n),
          t: new Date(observedAt),
          thresholds: THRESHOLDS,
        }).events,
    );

  it('splits a message over the limit into parts that each fit, keeping each change whole', () => {
    const events = baseline(40, ['us-east-1', 'us-west-2']);
    const alerts = planAlerts(events, [], { observedAt, runId: 'run-1' }, CONTEXT, 30_000);
    expect(alerts.length).toBeGreaterThan(2);
    for (const alert of alerts) {
      expect(messageBytes(renderAlert(alert, CONTEXT))).toBeLessThanOrEqual(30_000);
      // Both regions of a change travel together.
      const models = new Set(alert.events.map((e) => `${e.kind}/${e.modelId}`));
      expect(alert.events).toHaveLength(models.size * 2);
    }
    expect(alerts.flatMap((a) => a.events.map((e) => e.eventId)).sort()).toEqual(
      events.map((e) => e.eventId).sort(),
    );
    const info = alerts.filter((a) => a.severity === 'info');
    expect(info.map((a) => `${a.part}/${a.parts}`)).toEqual(info.map((_, i) => `${i + 1}/${info.length}`));
    expect(renderAlert(info[1] as (typeof info)[number], CONTEXT).subject).toMatch(
      new RegExp(` \\[2/${info.length}\\]$`),
    );
  });

  it('keeps a real-sized message in one part under the SNS limit', () => {
    const alerts = planAlerts(
      baseline(40, ['us-east-1', 'us-west-2']),
      [],
      { observedAt, runId: 'run-1' },
      CONTEXT,
    );
    expect(alerts.map((a) => a.severity)).toEqual(['warning', 'info']);
    for (const alert of alerts)
      expect(messageBytes(renderAlert(alert, CONTEXT))).toBeLessThanOrEqual(SNS_MAX_BYTES);
  });

  it('keeps the subject under 100 printable ASCII characters, whatever the model name', () => {
    const long = legacySonnet({ modelName: `Modèle™ ${'x'.repeat(10_000)}` });
    const [alert] = planAlerts(
      diffRegion({
        region: 'eu-west-3',
        previous: undefined,
        listing: [long],
        t: new Date(observedAt),
        thresholds: THRESHOLDS,
      }).events,
      [],
      { observedAt, runId: 'run-1' },
      CONTEXT,
    );
    const subject = renderAlert(alert as NonNullable<typeof alert>, CONTEXT).subject;
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^[\x20-\x7E]+$/);
    expect(subject).toMatch(
      /^\[WARNING\] ModeleTM x+\.\.\. \(eu-west-3\) enters extended access in 27 days$/,
    );
  });
});
