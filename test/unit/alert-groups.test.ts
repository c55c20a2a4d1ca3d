import { describe, expect, it } from 'vitest';
import { diffRegion } from '../../lambda/domain/diff';
import { groupEvents } from '../../lambda/messages/alert-groups';
import { renderText } from '../../lambda/messages/email-text';
import { changeSubject } from '../../lambda/messages/markdown';
import { catalogModel } from '../support/models';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const haiku = (modelId: string, status: string) =>
  catalogModel({
    modelId,
    modelName: 'Claude 3 Haiku',
    status,
    legacyTime: '2026-01-01T08:00:00.000Z',
    endOfLifeTime: '2026-07-01T08:00:00.000Z',
  });
const family = (status: string) => [
  haiku(`${HAIKU}:48k`, status),
  haiku(HAIKU, status),
  haiku(`${HAIKU}:200k`, status),
];

/** Claude 3 Haiku and its two context variants become Legacy in two regions. */
const events = ['us-west-2', 'us-east-1'].flatMap((region) => {
  const first = diffRegion({
    region,
    previous: undefined,
    listing: family('ACTIVE'),
    t: new Date('2025-12-01T00:00:00Z'),
    thresholds: [1],
  });
  return diffRegion({
    region,
    previous: first.state,
    listing: family('LEGACY'),
    t: new Date('2026-01-02T00:00:00Z'),
    thresholds: [1],
  }).events;
});

describe('groupEvents', () => {
  it('makes one entry of a base model and its context variants that share a change, base model first', () => {
    expect(events.map((e) => e.kind)).toEqual(Array(6).fill('MODEL_LEGACY'));
    const [group, ...others] = groupEvents(events);
    expect(others).toEqual([]);
    expect(group?.modelIds).toEqual([HAIKU, `${HAIKU}:48k`, `${HAIKU}:200k`]);
    expect(group?.regions).toEqual(['us-east-1', 'us-west-2']);
    expect(group?.event.modelId).toBe(HAIKU);
    expect(group?.events).toHaveLength(6);
  });

  it('keeps variants apart when their changes differ', () => {
    const [base, variant] = events;
    if (!base || !variant) throw new Error('no events');
    expect(groupEvents([base, { ...variant, severity: 'critical' }])).toHaveLength(2);
  });

  it('names the variants in the chat formats’ entry, after the base model', () => {
    const [group] = groupEvents(events);
    expect(group && changeSubject(group)).toBe(
      `\`${HAIKU}\` + \`${HAIKU}:48k\` + \`${HAIKU}:200k\` · us-east-1, us-west-2 · Active → Legacy (deprecated)`,
    );
  });

  it('names the variants once in the email, in the one entry', () => {
    const text = renderText(
      {
        severity: 'warning',
        observedAt: '2026-01-02T00:00:00.000Z',
        groups: groupEvents(events),
        baselines: [],
        part: 1,
        parts: 1,
      },
      { tableName: 'History', tableRegion: 'us-east-1' },
    );
    expect(text.match(/is now Legacy/g)).toHaveLength(1);
    expect(text).toContain(`Claude 3 Haiku (${HAIKU} with context variants :48k, :200k), Anthropic`);
  });
});

describe('ordering by money at stake', () => {
  /** The same change to two models in use, one region each, with what each costs. */
  const priced = (modelId: string, modelName: string, extra: number | null, monthly: number | null) => {
    const [event] = events;
    if (!event) throw new Error('no events');
    return {
      ...event,
      eventId: modelId,
      modelId,
      modelName,
      inUse: true,
      monthlyCostUsd: monthly,
      extendedAccessExtraMonthlyUsd: extra,
    };
  };

  it('puts the in-use model with the most at stake first, then those of unknown cost by name', () => {
    const order = groupEvents([
      priced('a.cheap-v1', 'A cheap', 40, 40),
      priced('b.unknown-v1', 'B unknown', null, null),
      priced('c.costly-v1', 'C costly', 3_500, 1_800),
      priced('d.no-extra-v1', 'D no extra price', null, 900),
    ]).map((g) => g.event.modelName);
    expect(order).toEqual(['C costly', 'D no extra price', 'A cheap', 'B unknown']);
  });

  it('puts, among in-use models with as much at stake, the nearest deadline first', () => {
    const soon = { ...priced('e.soon-v1', 'E soon', 100, 100), daysRemaining: 7 };
    const later = { ...priced('f.later-v1', 'F later', 100, 100), daysRemaining: 30 };
    expect(groupEvents([later, soon]).map((g) => g.event.modelName)).toEqual(['E soon', 'F later']);
  });

  it('tells a change seen in several regions by the region with the most at stake', () => {
    const [east, west] = [priced(HAIKU, 'Claude 3 Haiku', 10, 10), priced(HAIKU, 'Claude 3 Haiku', 700, 600)];
    const [group] = groupEvents([
      { ...east, region: 'us-east-1' },
      { ...west, region: 'us-west-2', eventId: 'west' },
    ]);
    expect(group?.regions).toEqual(['us-east-1', 'us-west-2']);
    expect(group?.costEvent.region).toBe('us-west-2');
  });
});
