import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { catalogOf } from '../domain/diff';
import type { LifecycleEvent, Severity } from '../domain/events';
import type { RegionBaseline, RegionState, TrackedModel } from '../domain/model';
import type { PlannedAlert } from '../messages/alert-plan';
import type { AlertStatus, Commit, Cursor, LedgerAlert, LifecycleStore, StoredState } from '../ports';
import { fromItem, type Item, itemBytes, toItem } from './attribute-values';
import { MODELS_ENCODING, packModels, unpackModels } from './packed-models';
import {
  ALERT_PK,
  CURSOR_KEY,
  EVENTS_GSI_PK,
  eventGsiSk,
  eventSk,
  modelPk,
  regionPk,
  STATE_SK,
  snapshotSk,
} from './table-keys';

/** DynamoDB's limits that shape the writes. */
const TRANSACTION_MAX_ITEMS = 100;
/** 4 MB, counted in decimal so the check errs on the safe side. */
const TRANSACTION_MAX_BYTES = 4_000_000;
const BATCH_WRITE_MAX = 25;
const BATCH_GET_MAX = 100;
const UNPROCESSED_RETRIES = 8;

const key = (PK: string, SK: string): Item => toItem({ PK, SK });
const alertKey = (alertId: string): Item => key(ALERT_PK, alertId);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const CONFLICT_RETRIES = 3;

/**
 * Retries a transaction that DynamoDB cancelled only because another request touched the same item
 * at that moment (e.g. a receipt updating the cursor): nothing was read or written, so it is safe.
 */
async function retryOnConflict<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      const conflict =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict') &&
        !(error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
      if (!conflict || attempt > CONFLICT_RETRIES) throw error;
      await sleep(100 * attempt);
    }
  }
}

export class DynamoDbStore implements LifecycleStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async load(regions: readonly string[]): Promise<StoredState> {
    const keys = [toItem(CURSOR_KEY), ...regions.map((region) => key(regionPk(region), STATE_SK))];
    if (keys.length > TRANSACTION_MAX_ITEMS) {
      throw new Error(`At most ${TRANSACTION_MAX_ITEMS - 1} regions can be read in one consistent snapshot`);
    }
    // One transactional read: the cursor and the states it guards are seen as of the same instant.
    const { Responses = [] } = await retryOnConflict(() =>
      this.client.send(
        new TransactGetItemsCommand({
          TransactItems: keys.map((Key) => ({ Get: { TableName: this.tableName, Key } })),
        }),
      ),
    );
    const [cursorItem, ...stateItems] = Responses.map((r) => (r.Item ? fromItem(r.Item) : undefined));
    const states = new Map<string, RegionState>();
    stateItems.forEach((item, i) => {
      const region = regions[i];
      if (item && region) {
        states.set(region, {
          region,
          observedAt: String(item.observedAt),
          models: unpackModels<TrackedModel>(item.models),
        });
      }
    });
    const cursor: Cursor = cursorItem
      ? {
          version: Number(cursorItem.version),
          observedAt: String(cursorItem.observedAt),
          pending: (cursorItem.pending as string[] | undefined) ?? [],
        }
      : { version: 0, observedAt: null, pending: [] };
    return { cursor, regions: states };
  }

  /**
   * Commits in two steps so that every documented size fits DynamoDB's 100 items and 4 MB per
   * transaction. First the run's alert ledger items and snapshots are written as idempotent puts
   * keyed by the run; then one guarded transaction moves the cursor (adding the alerts to its
   * pending set) and writes the changed states. Until that transaction lands nothing points at the
   * staged alerts, so a run that loses the race never sends them, and a crash in between leaves
   * only items no run will read.
   */
  async commit(commit: Commit): Promise<'committed' | 'superseded'> {
    const guarded = [this.cursorUpdate(commit), ...this.statePuts(commit)];
    checkTransaction(guarded);
    await this.batchWrite(
      [...this.alertItems(commit.alerts), ...this.snapshotItems(commit)].map((Item) => ({
        PutRequest: { Item },
      })),
      'staged alert and snapshot writes',
    );
    try {
      await retryOnConflict(() =>
        this.client.send(new TransactWriteItemsCommand({ TransactItems: guarded })),
      );
      return 'committed';
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        // Its alerts are this run's alone (the id carries the run), so removing them touches no
        // other run's. Its snapshots stay: they are what Bedrock listed at their time.
        await this.batchWrite(
          commit.alerts.map((alert) => ({ DeleteRequest: { Key: alertKey(alert.alertId) } })),
          "removal of a superseded run's alerts",
        );
        return 'superseded';
      }
      throw error;
    }
  }

  private cursorUpdate(commit: Commit): TransactWriteItem {
    const first = commit.expectedVersion === 0;
    const pending = commit.alerts.map((a) => a.alertId);
    return {
      Update: {
        TableName: this.tableName,
        Key: toItem(CURSOR_KEY),
        UpdateExpression: `SET #version = :next, #observedAt = :observedAt${pending.length > 0 ? ' ADD #pending :pending' : ''}`,
        ConditionExpression: first ? 'attribute_not_exists(PK)' : '#version = :expected',
        ExpressionAttributeNames: {
          '#version': 'version',
          '#observedAt': 'observedAt',
          ...(pending.length > 0 ? { '#pending': 'pending' } : {}),
        },
        ExpressionAttributeValues: toItem({
          ':next': commit.expectedVersion + 1,
          ':observedAt': commit.observedAt,
          ':expected': first ? undefined : commit.expectedVersion,
          ':pending': pending.length > 0 ? new Set(pending) : undefined,
        }),
      },
    };
  }

  private statePuts(commit: Commit): TransactWriteItem[] {
    return commit.states.map((state) => ({
      Put: {
        TableName: this.tableName,
        Item: toItem({
          PK: regionPk(state.region),
          SK: STATE_SK,
          region: state.region,
          observedAt: state.observedAt,
          version: commit.expectedVersion + 1,
          modelCount: state.models.length,
          encoding: MODELS_ENCODING,
          models: packModels(state.region, state.models),
        }),
      },
    }));
  }

  private snapshotItems(commit: Commit): Item[] {
    return commit.snapshots.map((state) => {
      const catalog = catalogOf(state);
      return toItem({
        PK: regionPk(state.region),
        SK: snapshotSk(state.observedAt),
        region: state.region,
        observedAt: state.observedAt,
        modelCount: catalog.length,
        encoding: MODELS_ENCODING,
        models: packModels(state.region, catalog),
      });
    });
  }

  private alertItems(alerts: readonly PlannedAlert[]): Item[] {
    return alerts.map((alert) =>
      toItem({
        PK: ALERT_PK,
        SK: alert.alertId,
        alertId: alert.alertId,
        observedAt: alert.observedAt,
        severity: alert.severity,
        part: alert.part,
        parts: alert.parts,
        status: 'PENDING' satisfies AlertStatus,
        attempts: 0,
        eventCount: alert.events.length,
        events: JSON.stringify(alert.events),
        baselines: JSON.stringify(alert.baselines),
        ...(alert.route === undefined ? {} : { route: alert.route }),
        ...(alert.bus ? { bus: true } : {}),
      }),
    );
  }

  async alerts(alertIds: readonly string[]): Promise<LedgerAlert[]> {
    const found: LedgerAlert[] = [];
    for (let i = 0; i < alertIds.length; i += BATCH_GET_MAX) {
      let keys: Item[] = alertIds.slice(i, i + BATCH_GET_MAX).map(alertKey);
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt > UNPROCESSED_RETRIES) throw new Error('DynamoDB left alert reads unprocessed');
        if (attempt > 0) await sleep(50 * 2 ** attempt);
        const out = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } },
          }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) found.push(toLedgerAlert(fromItem(item)));
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  async stage(alerts: readonly PlannedAlert[]): Promise<string[]> {
    const written: string[] = [];
    const existing: string[] = [];
    for (const [i, Item] of this.alertItems(alerts).entries()) {
      const alertId = alerts[i]?.alertId ?? '';
      try {
        await this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item,
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        written.push(alertId);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        existing.push(alertId);
      }
    }
    // One staged by an invocation that failed before sending it is still owed: it is kept, never
    // rewritten (its claim stays), and staged again, so a retry sends it and nothing sent twice.
    const unsent =
      existing.length === 0
        ? []
        : (await this.alerts(existing)).filter((a) => a.status !== 'SENT').map((a) => a.alertId);
    const owed = [...written, ...unsent];
    if (owed.length === 0) return owed;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toItem(CURSOR_KEY),
          UpdateExpression: 'ADD #pending :ids',
          // Before the first commit there is no cursor, and creating one would make that commit
          // look superseded: the caller delivers these alerts itself.
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#pending': 'pending' },
          ExpressionAttributeValues: toItem({ ':ids': new Set(owed) }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return owed;
  }

  async forget(alertIds: readonly string[]): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: toItem(CURSOR_KEY),
        UpdateExpression: 'DELETE #pending :ids',
        ExpressionAttributeNames: { '#pending': 'pending' },
        ExpressionAttributeValues: toItem({ ':ids': new Set(alertIds) }),
      }),
    );
  }

  async recordHistory(alert: PlannedAlert): Promise<void> {
    await this.batchWrite(
      alert.events.map((event) => ({ PutRequest: { Item: historyItem(event, alert.alertId) } })),
      'history writes',
    );
  }

  /** Idempotent puts and deletes, 25 to a request, retrying what DynamoDB leaves unprocessed. */
  private async batchWrite(requests: readonly WriteRequest[], what: string): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH_WRITE_MAX) {
      let batch = requests.slice(i, i + BATCH_WRITE_MAX);
      for (let attempt = 0; batch.length > 0; attempt++) {
        if (attempt > UNPROCESSED_RETRIES) throw new Error(`DynamoDB left ${what} unprocessed`);
        if (attempt > 0) await sleep(50 * 2 ** attempt);
        const out = await this.client.send(
          new BatchWriteItemCommand({ RequestItems: { [this.tableName]: batch } }),
        );
        batch = out.UnprocessedItems?.[this.tableName] ?? [];
      }
    }
  }

  async claim(alertId: string, claimant: string, now: Date, leaseMs: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: alertKey(alertId),
          UpdateExpression: 'SET #status = :sending, claimedBy = :me, claimedAt = :now ADD attempts :one',
          ConditionExpression: '#status = :pending OR (#status = :sending AND claimedAt < :expired)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: toItem({
            ':sending': 'SENDING',
            ':pending': 'PENDING',
            ':me': claimant,
            ':now': now.toISOString(),
            ':expired': new Date(now.getTime() - leaseMs).toISOString(),
            ':one': 1,
          }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markSent(alertId: string, messageId: string, now: Date): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: alertKey(alertId),
        UpdateExpression:
          'SET #status = :sent, sentAt = :now, messageId = :messageId REMOVE claimedBy, claimedAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: toItem({
          ':sent': 'SENT',
          ':now': now.toISOString(),
          ':messageId': messageId,
        }),
      }),
    );
    // A crash before this line leaves a sent id in the pending set; the next run finds it SENT and forgets it.
    await this.forget([alertId]);
  }

  async release(
    alertId: string,
    claimant: string,
    error: string,
    remaining?: readonly LifecycleEvent[],
  ): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: alertKey(alertId),
          UpdateExpression: `SET #status = :pending, lastError = :error${remaining ? ', events = :events, eventCount = :count' : ''} REMOVE claimedBy, claimedAt`,
          ConditionExpression: 'claimedBy = :me',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: toItem({
            ':pending': 'PENDING',
            ':error': error.slice(0, 1000),
            ':me': claimant,
            ...(remaining ? { ':events': JSON.stringify(remaining), ':count': remaining.length } : {}),
          }),
        }),
      );
    } catch (failure) {
      // Someone else re-claimed it after our lease ran out: theirs to finish.
      if (!(failure instanceof ConditionalCheckFailedException)) throw failure;
    }
  }
}

/** The guarded transaction must fit DynamoDB's limits whole: there is no splitting it. */
function checkTransaction(items: readonly TransactWriteItem[]): void {
  if (items.length > TRANSACTION_MAX_ITEMS) {
    throw new Error(
      `A commit needs ${items.length} writes (the cursor and ${items.length - 1} region states), over ` +
        `DynamoDB's ${TRANSACTION_MAX_ITEMS} per transaction; watch at most ${TRANSACTION_MAX_ITEMS - 1} regions per stack`,
    );
  }
  const bytes = items.reduce((sum, item) => sum + itemBytes(item.Put?.Item ?? item.Update?.Key ?? {}), 0);
  if (bytes > TRANSACTION_MAX_BYTES) {
    throw new Error(
      `A commit's region states total ${bytes} bytes, over DynamoDB's ${TRANSACTION_MAX_BYTES} per transaction; ` +
        'watch fewer regions per stack',
    );
  }
}

function historyItem(event: LifecycleEvent, alertId: string): Item {
  return toItem({
    PK: modelPk(event.modelId),
    SK: eventSk(event),
    GSI1PK: EVENTS_GSI_PK,
    GSI1SK: eventGsiSk(event),
    ...event,
    alertId,
  });
}

function toLedgerAlert(item: Record<string, unknown>): LedgerAlert {
  return {
    alertId: String(item.alertId),
    observedAt: String(item.observedAt),
    severity: item.severity as Severity,
    part: Number(item.part),
    parts: Number(item.parts),
    events: JSON.parse(String(item.events)) as LifecycleEvent[],
    baselines: JSON.parse(String(item.baselines ?? '[]')) as RegionBaseline[],
    status: item.status as AlertStatus,
    attempts: Number(item.attempts ?? 0),
    ...(item.route === undefined ? {} : { route: String(item.route) }),
    ...(item.bus === true ? { bus: true as const } : {}),
  };
}
