import type { EvalSettingsFile } from '../../app/config/eval-section.js';
import { EvalSettingsSchema } from '../../app/config/eval-section.js';

export interface GateSettings {
  minPassRate: number | undefined;
  scorerThresholds: Record<string, number>;
  tagThresholds: Record<string, number>;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_CASE_TIMEOUT_MS = 300_000;

export function gateSettings(
  flags: {
    minPassRate?: number;
    scorerThresholds?: Record<string, number>;
    tagThresholds?: Record<string, number>;
  },
  file: EvalSettingsFile = {},
): GateSettings {
  return {
    minPassRate: flags.minPassRate ?? file.minPassRate,
    scorerThresholds: { ...file.scorerThresholds, ...flags.scorerThresholds },
    tagThresholds: { ...file.tagThresholds, ...flags.tagThresholds },
  };
}

/**
 * The config's `eval` section once KavakConfig carries one; until then there is none and the
 * flags are the only source.
 */
export function evalSettingsFrom(config: object): EvalSettingsFile {
  const section: unknown = (config as Record<string, unknown>).eval;
  return section === undefined ? {} : EvalSettingsSchema.parse(section);
}
