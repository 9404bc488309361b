/**
 * Defaults the CLI prints in its help. A module of its own, with no imports, so `kavak --version`
 * and `--help` start without loading zod and the config schema.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
