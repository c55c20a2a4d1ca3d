import type { LifecycleEvent } from '../domain/events';

/**
 * The single-table layout. Every access pattern is one GetItem or Query:
 * - cursor (last commit, pending alerts):  PK=MONITOR            SK=CURSOR
 * - current state of a region:             PK=REGION#<region>    SK=STATE
 * - catalog of a region as of time T:      PK=REGION#<region>    SK<=SNAPSHOT#<T>, newest first, limit 1
 * - history of one model, time order:      PK=MODEL#<modelId>    SK begins_with EVENT#
 * - all changes between two times:         GSI1 GSI1PK=EVENTS    GSI1SK between <from> and <to>
 * - alert ledger (sent or pending):        PK=ALERT              SK=<observedAt>#<severity>#<part>
 * - published prices of a region's models: PK=PRICES             SK=<region>
 */
export const CURSOR_KEY = { PK: 'MONITOR', SK: 'CURSOR' } as const;
export const STATE_SK = 'STATE';
export const SNAPSHOT_PREFIX = 'SNAPSHOT#';
export const EVENT_PREFIX = 'EVENT#';
export const EVENTS_GSI = 'GSI1';
export const EVENTS_GSI_PK = 'EVENTS';
export const ALERT_PK = 'ALERT';

export const regionPk = (region: string): string => `REGION#${region}`;
export const modelPk = (modelId: string): string => `MODEL#${modelId}`;
export const snapshotSk = (observedAt: string): string => `${SNAPSHOT_PREFIX}${observedAt}`;

/** Time first so items sort chronologically; the id prefix separates two events of one kind at once. */
export const eventSk = (e: LifecycleEvent): string =>
  `${EVENT_PREFIX}${e.observedAt}#${e.region}#${e.kind}#${e.eventId.slice(0, 8)}`;
export const eventGsiSk = (e: LifecycleEvent): string =>
  `${e.observedAt}#${e.region}#${e.modelId}#${e.kind}#${e.eventId.slice(0, 8)}`;
export { PRICE_CACHE_PK as PRICES_PK } from '../../contract/price-cache';
