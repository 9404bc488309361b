import type { ConfigFile } from './schema.js';

/**
 * `overlay` over `base`: a key the overlay sets wins; the per-agent settings and the price table
 * merge one level deeper, so an overlay that sets `agents.cars.model` keeps the base's
 * `agents.cars.temperature` and the base's other agents.
 */
export function mergeConfig(base: ConfigFile, overlay: ConfigFile | undefined): ConfigFile {
  if (!overlay) return base;
  const merged: ConfigFile = { ...base, ...overlay };
  if (base.agents || overlay.agents) {
    const agents: NonNullable<ConfigFile['agents']> = { ...base.agents };
    for (const [name, settings] of Object.entries(overlay.agents ?? {}) as [
      keyof typeof agents,
      NonNullable<ConfigFile['agents']>[keyof typeof agents],
    ][]) {
      agents[name] = { ...agents[name], ...settings };
    }
    merged.agents = agents;
  }
  if (base.prices || overlay.prices) merged.prices = { ...base.prices, ...overlay.prices };
  return merged;
}
