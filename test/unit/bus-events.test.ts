import { describe, expect, it } from 'vitest';
import { busRegion } from '../../lambda/adapters/eventbridge-bus';
import type { LifecycleEvent } from '../../lambda/domain/events';
import { busEntry, entryBytes, PUT_EVENTS_MAX_BYTES, planBusAlerts } from '../../lambda/messages/bus-events';

const event = (i: number, severity: LifecycleEvent['severity'], padding = 0) =>
  ({
    eventId: `e${i}`,
    severity,
    modelId: `vendor.model-${i}`,
    modelArn: `arn:aws:bedrock:us-east-1::foundation-model/vendor.model-${i}`,
    modelName: 'x'.repeat(padding),
    observedAt: '2026-04-21T08:00:00.000Z',
  }) as LifecycleEvent;

const KEY = { observedAt: '2026-04-21T08:00:00.000Z', runId: 'run-1' };

describe('PutEvents calls planned from a run’s events', () => {
  it('puts at most 10 entries per call, most severe first, each call a ledger entry of its own', () => {
    const events = Array.from({ length: 25 }, (_, i) => event(i, i % 5 === 0 ? 'critical' : 'info'));
    const plan = planBusAlerts(events, KEY);
    expect(plan.map((a) => [a.events.length, a.severity, a.part, a.parts, a.bus])).toEqual([
      [10, 'critical', 1, 3, true],
      [10, 'info', 2, 3, true],
      [5, 'info', 3, 3, true],
    ]);
    expect(plan[0]?.events.slice(0, 5).every((e) => e.severity === 'critical')).toBe(true);
    expect(new Set(plan.map((a) => a.alertId)).size).toBe(3);
    expect(plan[0]?.alertId).toBe('2026-04-21T08:00:00.000Z#critical#1#run-1#@events');
  });

  it('keeps each call within 256 KB as EventBridge counts an entry', () => {
    const events = Array.from({ length: 6 }, (_, i) => event(i, 'warning', 60_000));
    const plan = planBusAlerts(events, KEY);
    for (const call of plan) {
      expect(call.events.reduce((sum, e) => sum + entryBytes(busEntry(e)), 0)).toBeLessThanOrEqual(
        PUT_EVENTS_MAX_BYTES,
      );
    }
    expect(plan.map((a) => a.events.length)).toEqual([4, 2]);
  });

  it('fails, naming the event, when one change alone is over 256 KB', () => {
    expect(() => planBusAlerts([event(1, 'info', 300_000)], KEY)).toThrow(/The event e1 takes \d+ bytes/);
  });
});

describe('the region PutEvents goes to', () => {
  it('is the bus ARN’s own region, and the function’s for a bus named in its region', () => {
    expect(busRegion('arn:aws:events:eu-central-1:222222222222:event-bus/central')).toBe('eu-central-1');
    expect(busRegion('default')).toBeUndefined();
  });
});
