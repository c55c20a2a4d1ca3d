import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

/**
 * Plain value → DynamoDB attribute. Covers the shapes this table stores (strings, numbers,
 * booleans, null, bytes, string sets, nested objects and arrays). Undefined fields are left out.
 */
export function toAttribute(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value instanceof Uint8Array) return { B: value };
  if (value instanceof Set) return { SS: [...value].map(String) };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  if (typeof value === 'object') return { M: toItem(value as Record<string, unknown>) };
  throw new TypeError(`Cannot store a value of type ${typeof value}`);
}

export function toItem(record: Record<string, unknown>): Item {
  return Object.fromEntries(
    Object.entries(record)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, toAttribute(v)]),
  );
}

/** DynamoDB attribute → plain value; string sets become arrays. */
export function fromAttribute(attribute: AttributeValue): unknown {
  if (attribute.S !== undefined) return attribute.S;
  if (attribute.N !== undefined) return Number(attribute.N);
  if (attribute.BOOL !== undefined) return attribute.BOOL;
  if (attribute.NULL !== undefined) return null;
  if (attribute.B !== undefined) return attribute.B;
  if (attribute.SS !== undefined) return [...attribute.SS];
  if (attribute.L !== undefined) return attribute.L.map(fromAttribute);
  if (attribute.M !== undefined) return fromItem(attribute.M);
  throw new TypeError(`Unsupported attribute ${Object.keys(attribute).join(',')}`);
}

export function fromItem(item: Item): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fromAttribute(v)]));
}

/**
 * An item's size as DynamoDB counts it against its item and transaction limits: attribute names
 * and values in UTF-8 bytes, numbers at their 21-byte maximum, 3 bytes per list or map plus 1 per
 * element ("Item sizes and formats" in the DynamoDB developer guide).
 */
export function itemBytes(item: Item): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value),
    0,
  );
}

function valueBytes(attribute: AttributeValue): number {
  if (attribute.S !== undefined) return Buffer.byteLength(attribute.S);
  if (attribute.N !== undefined) return 21;
  if (attribute.B !== undefined) return attribute.B.byteLength;
  if (attribute.SS !== undefined) return attribute.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if (attribute.L !== undefined) return attribute.L.reduce((sum, v) => sum + 1 + valueBytes(v), 3);
  if (attribute.M !== undefined) return 3 + Object.keys(attribute.M).length + itemBytes(attribute.M);
  return 1;
}
