import { describe, expect, it } from 'vitest';

import { AGENTS_IN_REPLY_ORDER } from '../compose-reply.js';
import { AgentNameSchema } from '../tasks.js';
import type { AGENT_PHASE } from './registry.js';
import { AGENTS, PHASES } from './registry.js';

/*
 * The agent registries are records keyed by the zod enums, so leaving a key out is a compile error;
 * `npm run typecheck` checks the @ts-expect-error lines below (vitest does not type-check).
 */
// @ts-expect-error an agent with no phase does not compile
const withoutPhase: typeof AGENT_PHASE = {
  greeting: 1,
  social: 1,
  kavak_info: 1,
  cars: 1,
  fallback: 1,
  financing: 2,
  haggle: 2,
};

describe('agent and scorer registries', () => {
  it('runs every agent in exactly one phase, first phase before the one that reads it', () => {
    expect(PHASES).toEqual([
      ['greeting', 'social', 'kavak_info', 'cars', 'fallback'],
      ['haggle', 'financing', 'sales'],
    ]);
    expect(PHASES.flat().sort()).toEqual([...AgentNameSchema.options].sort());
    expect(Object.keys(AGENTS).sort()).toEqual([...AgentNameSchema.options].sort());
  });

  it('gives every agent one place in the reply', () => {
    expect(AGENTS_IN_REPLY_ORDER).toEqual([
      'greeting',
      'social',
      'kavak_info',
      'cars',
      'haggle',
      'financing',
      'sales',
      'fallback',
    ]);
    expect(withoutPhase).toBeDefined();
  });
});
