/**
 * The history table's partition that holds the published prices (one item per region). The
 * function may Query this partition alone: the construct's grant names it.
 */
export const PRICE_CACHE_PK = 'PRICES';
