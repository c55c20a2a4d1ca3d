/** Characters a POSIX shell reads as part of a plain word, with no meaning of their own. */
const PLAIN = /^[A-Za-z0-9._:/@%+=,-]+$/;

/**
 * One argument for a command a reader pastes into a POSIX shell: a plain word as it is, anything
 * else in single quotes, each single quote written as '\''. Data inside (a model id) can then
 * neither end the argument nor run anything.
 */
export const shellQuote = (value: string): string =>
  PLAIN.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
