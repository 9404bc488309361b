import { redactValue } from './redact.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/**
 * JSON-lines logger. Every line is redacted (phone numbers, keys) before it is written, so a
 * caller cannot leak them by accident. `trackingId` travels in child loggers.
 */
export function createLogger(options: {
  level?: LogLevel;
  write?: (line: string) => void;
  fields?: Record<string, unknown>;
}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const threshold = LOG_LEVELS.indexOf(level);
  const base = options.fields ?? {};
  const log =
    (at: LogLevel) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      if (LOG_LEVELS.indexOf(at) < threshold) return;
      write(
        JSON.stringify(redactValue({ time: new Date().toISOString(), level: at, event, ...base, ...fields })),
      );
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => createLogger({ level, write, fields: { ...base, ...fields } }),
  };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });

export function parseLogLevel(value: string | undefined, fallback: LogLevel): LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : fallback;
}
