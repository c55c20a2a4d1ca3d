/** A bad setting: the message names the key and the value, on one line. */
export class SettingError extends Error {
  constructor(key: string, value: unknown, reason: string) {
    super(`Invalid ${key} ${JSON.stringify(value)}: ${reason}`);
    this.name = 'SettingError';
  }
}
