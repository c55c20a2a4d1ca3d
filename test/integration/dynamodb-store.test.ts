import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { createHistoryTable, dynamoDb } from '../../lab/moto-resources';
import { DynamoDbStore } from '../../lambda/adapters/dynamodb-store';
import { diffRegion } from '../../lambda/domain/diff';
import { planAlerts } from '../../lambda/messages/alert-plan';
import { catalogModel, legacySonnet } from '../support/models';
import { query, scanAll } from '../support/table-scan';

const THRESHOLDS = [90, 30, 14, 7, 1];
const T1 = '2025-11-01T00:00:00.000Z';

describe('DynamoDbStore against moto', () => {
  const motoUrl = inject('motoUrl');
  const client = dynamoDb(motoUrl);
  let tableName: string;
  let store: DynamoDbStore;
  let runs = 0;

  const baseline = (region: string, at = T1) =>
    diffRegion({
      region,
      previous: undefined,
      listing: [legacySonnet(), catalogModel({ modelId: 'amazon.nova-pro-v1:0' })],
      t: new Date(at),
      thresholds: THRESHOLDS,
    });

  const commitBaseline = async (regions: string[], expectedVersion = 0, at = T1) => {
    const diffs = regions.map((r) => baseline(r, at));
    const alerts = planAlerts(
      diffs.flatMap((d) => d.events),
      diffs.flatMap((d) => (d.baseline ? [d.baseline] : [])),
      { observedAt: at, runId: `run-${++runs}` },
      { tableName, tableRegion: 'us-east-1' },
    );
    const outcome = await store.commit({
      expectedVersion,
      observedAt: at,
      states: diffs.map((d) => d.state),
      snapshots: diffs.map((d) => d.state),
      alerts,
    });
    return { diffs, alerts, outcome };
  };

  beforeEach(async () => {
    tableName = await createHistoryTable(motoUrl);
    store = new DynamoDbStore(client, tableName);
  });

  it('reads an empty table as version 0 with no state', async () => {
    const stored = await store.load(['us-east-1']);
    expect(stored.cursor).toEqual({ version: 0, observedAt: null, pending: [] });
    expect(stored.regions.size).toBe(0);
  });

  it('commits states, snapshots, alerts and the cursor together, and reads the states back intact', async () => {
    const { diffs, alerts, outcome } = await commitBaseline(['us-east-1', 'us-west-2']);
    expect(outcome).toBe('committed');
    const stored = await store.load(['us-east-1', 'us-west-2', 'eu-west-1']);
    expect(stored.cursor).toEqual({
      version: 1,
      observedAt: T1,
      pending: expect.arrayContaining(alerts.map((a) => a.alertId)),
    });
    expect(stored.cursor.pending).toHaveLength(alerts.length);
    expect(stored.regions.get('us-east-1')).toEqual(diffs[0]?.state);
    expect(stored.regions.has('eu-west-1')).toBe(false);
    const items = await scanAll(client, tableName);
    expect(items.map((i) => `${i.PK} ${String(i.SK).replace(/#\d{4}-.*$/, '#<t>')}`).sort()).toEqual(
      [
        ...alerts.map((a) => `ALERT ${a.alertId}`),
        'MONITOR CURSOR',
        'REGION#us-east-1 SNAPSHOT#<t>',
        'REGION#us-east-1 STATE',
        'REGION#us-west-2 SNAPSHOT#<t>',
        'REGION#us-west-2 STATE',
      ].sort(),
    );
  });

  /** Every item but the snapshots: what a superseded run must leave as it found it. */
  const withoutSnapshots = async () =>
    (await scanAll(client, tableName)).filter((item) => !String(item.SK).startsWith('SNAPSHOT#'));

  it('refuses a commit from a run that read an older cursor: superseded, and its alerts are gone', async () => {
    await commitBaseline(['us-east-1']);
    const before = await withoutSnapshots();
    const { outcome } = await commitBaseline(['us-east-1'], 0, '2025-11-02T00:00:00.000Z');
    expect(outcome).toBe('superseded');
    expect(await withoutSnapshots()).toEqual(before);
  });

  it('refuses a later commit at a stale version: superseded, cursor, states and ledger untouched', async () => {
    await commitBaseline(['us-east-1']);
    expect((await commitBaseline(['us-east-1'], 1, '2025-11-02T00:00:00.000Z')).outcome).toBe('committed');
    const before = await withoutSnapshots();
    const { outcome } = await commitBaseline(['us-east-1'], 1, '2025-11-03T00:00:00.000Z');
    expect(outcome).toBe('superseded');
    expect(await withoutSnapshots()).toEqual(before);
    expect((await store.load([])).cursor).toMatchObject({
      version: 2,
      observedAt: '2025-11-02T00:00:00.000Z',
    });
  });

  it('keeps the alerts of the run that won when the loser planned the same observation time', async () => {
    const { alerts: won } = await commitBaseline(['us-east-1']);
    const { outcome, alerts: lost } = await commitBaseline(['us-east-1', 'us-west-2']);
    expect(outcome).toBe('superseded');
    expect(lost.map((a) => a.alertId)).not.toEqual(won.map((a) => a.alertId));
    expect(await store.alerts([...won, ...lost].map((a) => a.alertId))).toEqual(
      won.map((a) => ({ ...a, status: 'PENDING', attempts: 0 })),
    );
    expect((await store.load([])).cursor.pending).toEqual(won.map((a) => a.alertId));
  });

  it('fails before writing anything when the region states need more than one transaction holds', async () => {
    const regions = Array.from({ length: 100 }, (_, i) => `xx-lab-${i + 1}`);
    await expect(commitBaseline(regions)).rejects.toThrow(
      /A commit needs 101 writes \(the cursor and 100 region states\), over DynamoDB's 100 per transaction/,
    );
    expect(await scanAll(client, tableName)).toEqual([]);
  });

  it('fails before writing anything when the region states pass 4 MB together', async () => {
    // Random names do not compress: each region's state is ~270 KB gzipped, under the item limit alone.
    const noisy = Array.from({ length: 16 }, (_, r) => {
      const listing = Array.from({ length: 40 }, (_, i) =>
        catalogModel({ modelId: `vendor.m-${i}-v1:0`, modelName: randomBytes(6_600).toString('base64') }),
      );
      return diffRegion({
        region: `xx-lab-${r + 1}`,
        previous: undefined,
        listing,
        t: new Date(T1),
        thresholds: THRESHOLDS,
      }).state;
    });
    await expect(
      store.commit({ expectedVersion: 0, observedAt: T1, states: noisy, snapshots: noisy, alerts: [] }),
    ).rejects.toThrow(/A commit's region states total \d+ bytes, over DynamoDB's 4000000 per transaction/);
    expect(await scanAll(client, tableName)).toEqual([]);
  });

  it('writes only the cursor for a run with nothing to store', async () => {
    await commitBaseline(['us-east-1']);
    const before = await scanAll(client, tableName);
    await store.commit({
      expectedVersion: 1,
      observedAt: '2025-11-02T00:00:00.000Z',
      states: [],
      snapshots: [],
      alerts: [],
    });
    const after = await scanAll(client, tableName);
    const changed = after.filter((item) => !before.some((b) => JSON.stringify(b) === JSON.stringify(item)));
    expect(changed.map((i) => i.SK)).toEqual(['CURSOR']);
    expect(changed[0]).toMatchObject({ version: 2, observedAt: '2025-11-02T00:00:00.000Z' });
  });

  it('finds a region’s catalog as of a past time with one Query', async () => {
    await commitBaseline(['us-east-1']);
    const [snapshot] = await query(client, {
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND SK <= :at',
      values: { ':pk': 'REGION#us-east-1', ':at': 'SNAPSHOT#2025-12-01T00:00:00.000Z' },
      ScanIndexForward: false,
      Limit: 1,
    });
    expect(snapshot).toMatchObject({
      region: 'us-east-1',
      observedAt: T1,
      modelCount: 2,
      encoding: 'gzip+json',
    });
  });

  it('records history readable per model and per time range, idempotently', async () => {
    const { alerts } = await commitBaseline(['us-east-1', 'us-west-2']);
    for (const alert of alerts) {
      await store.recordHistory(alert);
      await store.recordHistory(alert);
    }
    const events = alerts.flatMap((a) => a.events);
    const model = await query(client, {
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :event)',
      values: { ':pk': 'MODEL#anthropic.claude-3-7-sonnet-20250219-v1:0', ':event': 'EVENT#' },
    });
    expect(model).toHaveLength(events.length);
    expect(model[0]).toMatchObject({
      kind: expect.any(String),
      region: 'us-east-1',
      observedAt: T1,
      alertId: expect.any(String),
    });
    const range = await query(client, {
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :events AND GSI1SK BETWEEN :from AND :to',
      values: { ':events': 'EVENTS', ':from': '2025-10-31', ':to': '2025-11-02' },
    });
    expect(range.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
    const none = await query(client, {
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :events AND GSI1SK BETWEEN :from AND :to',
      values: { ':events': 'EVENTS', ':from': '2025-11-02', ':to': '2025-11-30' },
    });
    expect(none).toEqual([]);
  });

  it('lets one claimant at a time publish an alert, and takes an expired claim back', async () => {
    const { alerts } = await commitBaseline(['us-east-1']);
    const id = alerts[0]?.alertId ?? '';
    const now = new Date('2026-01-01T00:00:00Z');
    expect(await store.claim(id, 'run-a', now, 60_000)).toBe(true);
    expect(await store.claim(id, 'run-b', new Date(now.getTime() + 30_000), 60_000)).toBe(false);
    expect(await store.claim(id, 'run-b', new Date(now.getTime() + 61_000), 60_000)).toBe(true);
    // run-a's lease ran out: its late release must not undo run-b's claim.
    await store.release(id, 'run-a', 'late failure');
    expect(await store.claim(id, 'run-c', new Date(now.getTime() + 62_000), 60_000)).toBe(false);
  });

  it('marks a sent alert so it is never claimed again, and drops it from the pending set', async () => {
    const { alerts } = await commitBaseline(['us-east-1']);
    const id = alerts[0]?.alertId ?? '';
    const now = new Date('2026-01-01T00:00:00Z');
    await store.claim(id, 'run-a', now, 60_000);
    await store.markSent(id, 'message-1', now);
    expect(await store.claim(id, 'run-b', new Date(now.getTime() + 3_600_000), 60_000)).toBe(false);
    const [ledger] = await store.alerts([id]);
    expect(ledger).toMatchObject({ alertId: id, status: 'SENT', attempts: 1 });
    expect((await store.load([])).cursor.pending).not.toContain(id);
  });

  it('returns a failed alert to pending with its error, ready for the next run', async () => {
    const { alerts } = await commitBaseline(['us-east-1']);
    const id = alerts[0]?.alertId ?? '';
    const now = new Date('2026-01-01T00:00:00Z');
    await store.claim(id, 'run-a', now, 60_000);
    await store.release(id, 'run-a', 'KMSAccessDeniedException: no');
    const [ledger] = await store.alerts([id]);
    expect(ledger).toMatchObject({ status: 'PENDING', attempts: 1, events: alerts[0]?.events });
    expect(await store.claim(id, 'run-b', now, 60_000)).toBe(true);
  });

  it('stores a region of 5,000 models within the item limit', async () => {
    const listing = Array.from({ length: 5_000 }, (_, i) =>
      legacySonnet({ modelId: `vendor.model-${i}-v1:0`, modelName: `Model number ${i}` }),
    );
    const diff = diffRegion({
      region: 'us-east-1',
      previous: undefined,
      listing,
      t: new Date(T1),
      thresholds: THRESHOLDS,
    });
    await store.commit({
      expectedVersion: 0,
      observedAt: T1,
      states: [diff.state],
      snapshots: [diff.state],
      alerts: [],
    });
    expect((await store.load(['us-east-1'])).regions.get('us-east-1')?.models).toHaveLength(5_000);
  });

  it('stages an AWS Health notice’s alerts once: again while unsent (a retry still owes them), never once sent', async () => {
    const { alerts } = await commitBaseline(['us-east-1']);
    const notice = alerts.map((a) => ({ ...a, alertId: `${a.alertId}#notice` }));
    const ids = notice.map((a) => a.alertId);
    expect(await store.stage(notice)).toEqual(ids);
    expect((await store.load([])).cursor.pending).toEqual(expect.arrayContaining(ids));
    // The try that staged them failed before sending: the retry stages nothing new, yet owes them.
    expect(await store.stage(notice)).toEqual(ids);
    const now = new Date();
    for (const id of ids) {
      expect(await store.claim(id, 'retry', now, 60_000)).toBe(true);
      await store.markSent(id, 'message', now);
    }
    expect(await store.stage(notice)).toEqual([]);
    expect((await store.alerts(ids)).map((a) => a.status)).toEqual(ids.map(() => 'SENT'));
  });

  it('stages a notice before the first commit without making a cursor, so that commit is not taken as superseded', async () => {
    const [alert] = planAlerts(
      baseline('us-east-1').events,
      [],
      { observedAt: T1, runId: 'notice' },
      {
        tableName,
        tableRegion: 'us-east-1',
      },
    );
    if (!alert) throw new Error('no alert');
    expect(await store.stage([alert])).toEqual([alert.alertId]);
    expect((await store.load([])).cursor.version).toBe(0);
    expect((await commitBaseline(['us-east-1'])).outcome).toBe('committed');
  });
});
