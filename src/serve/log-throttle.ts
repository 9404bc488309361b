import type { Logger } from '../support/logger.js';

export interface ThrottledWarning {
  /** Logs the first occurrence of a window in full; later ones are only counted. */
  warn(fields: Record<string, unknown>): void;
}

export interface ThrottleOptions {
  /** How long one window lasts: at most one full line and one summary line per window. */
  intervalMs?: number;
  setTimer?: (run: () => void, ms: number) => { unref?: () => unknown };
}

/**
 * A warning anyone on the internet can trigger (a 403 for an unsigned request) must not let
 * them fill the disk: the first one of each window is logged, the rest are counted and reported
 * in one `<event>_suppressed` line when the window ends.
 */
export function throttledWarning(
  logger: Logger,
  event: string,
  options: ThrottleOptions = {},
): ThrottledWarning {
  const intervalMs = options.intervalMs ?? 60_000;
  const setTimer = options.setTimer ?? setTimeout;
  let windowOpen = false;
  let suppressed = 0;
  const closeWindow = () => {
    windowOpen = false;
    if (suppressed > 0) {
      logger.warn(`${event}_suppressed`, { count: suppressed, windowSeconds: intervalMs / 1000 });
      suppressed = 0;
    }
  };

  return {
    warn(fields) {
      if (windowOpen) {
        suppressed++;
        return;
      }
      windowOpen = true;
      logger.warn(event, fields);
      // unref: a quiet server must still exit; the summary is not worth keeping it alive.
      setTimer(closeWindow, intervalMs).unref?.();
    },
  };
}
