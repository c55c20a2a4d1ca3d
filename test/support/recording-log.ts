import type { Log } from '../../lambda/ports';

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly extra: Record<string, unknown>;
}

/** A Log that keeps what it was told, so tests can assert warnings. */
export function recordingLog(): Log & { entries: LogEntry[]; messages(level: LogEntry['level']): string[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (message: string, ...extra: Record<string, unknown>[]) => {
      entries.push({ level, message, extra: Object.assign({}, ...extra) });
    };
  return {
    entries,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    messages: (level) => entries.filter((e) => e.level === level).map((e) => e.message),
  };
}
