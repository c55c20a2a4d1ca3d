import type { LifecycleEvent } from './domain/events';
import type { CatalogModel, RegionState } from './domain/model';
import type { Offer } from './domain/offer-prices';
import type { UnreadAccounts } from './domain/routes';
import type { InferenceProfile, MetricUse, UsageAccount } from './domain/usage';
import type { BusEntry, OutgoingMessage, SlackMessage } from './messages/alert-contract';
import type { PlannedAlert } from './messages/alert-plan';

/** The ports the run-monitor use case drives. Only adapters implement them with an AWS SDK. */

export interface CatalogListing {
  readonly models: CatalogModel[];
  /** Records that were odd but did not stop the listing (skipped, duplicated, unreadable). */
  readonly warnings: string[];
}

/** Bedrock's model catalog: one ListFoundationModels call per region. */
export interface ModelCatalog {
  list(region: string): Promise<CatalogListing>;
  /** One model's record as GetFoundationModel gives it; null when Bedrock does not know the model. */
  details(region: string, modelId: string): Promise<CatalogModel | null>;
}

/** The inference profiles callable in a region (ListInferenceProfiles, both types). */
export interface ProfileCatalog {
  profiles(region: string): Promise<InferenceProfile[]>;
}

/**
 * Calls and tokens counted by CloudWatch in a region (`Invocations`, `InputTokenCount` and
 * `OutputTokenCount`) per `ModelId` dimension value over [from, to); values never called are
 * absent or all 0.
 */
export interface UsageMetrics {
  usage(
    region: string,
    dimensions: readonly string[],
    from: Date,
    to: Date,
  ): Promise<ReadonlyMap<string, MetricUse>>;
}

/**
 * Bedrock's public agreement offers of a model in a region (`ListFoundationModelAgreementOffers`);
 * null when Bedrock sells the model under no agreement (Amazon's and open-weight models).
 */
export interface OfferCatalog {
  offers(region: string, modelId: string): Promise<readonly Offer[] | null>;
}

/** A model's published prices as last read (null: it has none), and when. */
export interface CachedPrice {
  readonly prices: { readonly input: number; readonly output: number } | null;
  readonly readAt: string;
}

/** Published prices kept between runs (the history table), so AWS is asked at most once a day. */
export interface PriceCache {
  /** The cached prices of the regions' models: by region, then by model id (as `write` takes them). */
  read(regions: readonly string[]): Promise<ReadonlyMap<string, ReadonlyMap<string, CachedPrice>>>;
  /** Replaces what a region's cache holds, by model id. */
  write(region: string, prices: ReadonlyMap<string, CachedPrice>): Promise<void>;
}

/** The readers of one account's usage. */
export interface UsageReaders {
  readonly profiles: ProfileCatalog;
  readonly usageMetrics: UsageMetrics;
}

/** The accounts whose calls count as use (`usageAccounts`), and a way into each. */
export interface UsageAccountAccess {
  /** The accounts to read: the configured ids, or the organization's active accounts. */
  list(): Promise<UsageAccount[]>;
  /**
   * Readers that act in the account: the monitor's own account directly, any other through its
   * usage reader role. Throws when the account cannot be entered.
   */
  enter(accountId: string): Promise<UsageReaders>;
}

/** The monitor-wide commit point: what the last committed run saw and which alerts it still owes. */
export interface Cursor {
  /** 0 before the first commit. */
  readonly version: number;
  /** Observation time of the last committed run; null before the first. */
  readonly observedAt: string | null;
  /** Ledger ids of committed alerts not yet published. */
  readonly pending: readonly string[];
}

export interface StoredState {
  readonly cursor: Cursor;
  /** Stored state of each requested region that has one. */
  readonly regions: ReadonlyMap<string, RegionState>;
}

export interface Commit {
  /** Cursor version the run read; the commit fails as superseded if another run moved it. */
  readonly expectedVersion: number;
  readonly observedAt: string;
  /** Regions whose state changed. */
  readonly states: readonly RegionState[];
  /** Regions whose listed catalog changed: a snapshot is stored for each. */
  readonly snapshots: readonly RegionState[];
  readonly alerts: readonly PlannedAlert[];
}

export type AlertStatus = 'PENDING' | 'SENDING' | 'SENT';

export interface LedgerAlert extends PlannedAlert {
  readonly status: AlertStatus;
  readonly attempts: number;
}

/** State, history and the alert ledger (DynamoDB). */
export interface LifecycleStore {
  /** Reads the cursor and the given regions' states as one consistent snapshot. */
  load(regions: readonly string[]): Promise<StoredState>;
  /**
   * Moves the cursor and writes the states only if the cursor is still at `expectedVersion`;
   * alerts and snapshots are written first, and the alerts count only once the cursor names them.
   */
  commit(commit: Commit): Promise<'committed' | 'superseded'>;
  /**
   * Stages alerts outside a run's commit (those of an AWS Health notice): each is written only if
   * its id is new, so a notice delivered again leaves its sent alert sent. The new ones, and those
   * staged before but not yet sent, join the cursor's pending set (when there is a cursor), so a
   * failed publish is retried. Returns the ids still owed: the new and the unsent.
   */
  stage(alerts: readonly PlannedAlert[]): Promise<string[]>;
  /** Reads ledger alerts by id; ids with no ledger item are left out. */
  alerts(alertIds: readonly string[]): Promise<LedgerAlert[]>;
  /** Drops ids from the cursor's pending set (their alerts are sent or gone). */
  forget(alertIds: readonly string[]): Promise<void>;
  /** Writes the history items of an alert's events. Idempotent. */
  recordHistory(alert: PlannedAlert): Promise<void>;
  /** Takes the right to publish an alert: false if it is sent, or another run holds an unexpired claim. */
  claim(alertId: string, claimant: string, now: Date, leaseMs: number): Promise<boolean>;
  markSent(alertId: string, messageId: string, now: Date): Promise<void>;
  /**
   * Gives a claimed alert back as pending after a failed publish; `remaining`, when given, is what
   * is left to send (the events an event bus did not take).
   */
  release(
    alertId: string,
    claimant: string,
    error: string,
    remaining?: readonly LifecycleEvent[],
  ): Promise<void>;
}

/** The alert topic (SNS), or a route's topic. Returns the message id. */
export interface Notifier {
  publish(message: OutgoingMessage, route?: string): Promise<string>;
}

/**
 * An EventBridge event bus. Puts at most 10 entries at once and says, per entry, null when it was
 * taken or why it was not; throws when the call itself fails.
 */
export interface EventBus {
  put(entries: readonly BusEntry[]): Promise<readonly (string | null)[]>;
}

/** A Slack incoming webhook. */
export interface ChatWebhook {
  post(message: SlackMessage): Promise<void>;
}

/** What a run reports about itself (CloudWatch metrics). */
export interface RunMetrics {
  /** The run did its job: committed, found its time already committed, or yielded to another run. */
  runSucceeded(): void;
  /** Every region was tried; these could not be listed (none when all were). */
  regionsListed(failedRegions: readonly string[]): void;
  /**
   * After usage was read across accounts: those that could not be read in full (none when all
   * were), or `all` when the accounts could not even be listed.
   */
  usageAccountsFailed(failedAccounts: UnreadAccounts): void;
  /** After delivery: alerts published by this run, and alerts still pending. */
  alertsDelivered(published: number, pending: number): void;
}

export interface Log {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}
