import { loadConfigOverlay } from '../../app/config/config-overlay.js';
import { loadConfig, type GlobalFlags } from '../../app/config/load-config.js';
import type { KavakConfig } from '../../app/config/schema.js';
import type { VariantFlag } from './variant-flag.js';

export interface Variant {
  name: string;
  /** The overlay file, as given. */
  file: string;
  /** The base config (file < env < flags) with the variant's overlay over it. */
  config: KavakConfig;
}

/**
 * Every variant's config, resolved before anything runs: a bad overlay fails here, naming its
 * file and field, before a prompt is rendered or a model called.
 */
export function loadVariants(
  flags: readonly VariantFlag[],
  globals: GlobalFlags,
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Variant[] {
  return flags.map(({ name, file }) => ({
    name,
    file,
    config: loadConfig(globals, env, cwd, loadConfigOverlay(file, cwd)),
  }));
}
