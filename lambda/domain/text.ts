/**
 * Text from AWS as people read it. Model names and providers are single-line labels: a control
 * character in one (a newline, ESC, BEL, a bidirectional override) could forge a line of an email
 * or a table, drive a terminal, or reorder what a reader sees.
 */

/**
 * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional marks,
 * embeddings, overrides and isolates.
 */
export const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const CONTROL_RUNS = new RegExp(`${CONTROL_CHARACTERS.source}+`, 'gu');

/** The text on one line: each run of control characters becomes one space. */
export const singleLine = (text: string): string => text.replace(CONTROL_RUNS, ' ').trim();

/**
 * An id as people read it: each control character shown as its escape (`\u001b`), so the id stays
 * recognisable and whole, yet cannot break a line or drive a terminal.
 */
export const visible = (text: string): string =>
  text.replace(CONTROL_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Ids made only of the characters real Bedrock ids use: safe anywhere, quoted or not. */
export const isPlainId = (id: string): boolean => /^[A-Za-z0-9._:/-]+$/.test(id);
