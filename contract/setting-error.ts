/** A bad setting: the message names the key and the value, on one line. */
export class SettingError extends Error {
  constructor(key: string, value: unknown, reason: string) {
    super(`Invalid ${key} ${JSON.stringify(value)}: ${reason}`);
    this.name = 'SettingError';
  }

  /** A setting whose value is too long to quote: the message names the key and the reason alone. */
  static withoutValue(key: string, reason: string): SettingError {
    const error = new SettingError(key, '', reason);
    error.message = `Invalid ${key}: ${reason}`;
    return error;
  }
}
