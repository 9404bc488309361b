import { AGENTS_IN_REPLY_ORDER } from '../compose-reply.js';
import type { IntentType } from '../intents/schema.js';
import type { AgentName } from '../tasks.js';
import type { Agent } from './agent.js';
import { carsAgent } from './cars.js';
import { fallbackAgent } from './fallback.js';
import { financingAgent } from './financing.js';
import { greetingAgent } from './greeting.js';
import { haggleAgent } from './haggle.js';
import { kavakInfoAgent } from './kavak-info.js';
import { salesAgent } from './sales.js';
import { socialAgent } from './social.js';

/** One specialised agent per intent; the compiler catches an intent with no agent. */
export const AGENT_FOR_INTENT: Record<IntentType, AgentName> = {
  greeting: 'greeting',
  car_recommendation: 'cars',
  financing: 'financing',
  kavak_info: 'kavak_info',
  sales: 'sales',
  social: 'social',
  haggle: 'haggle',
  out_of_scope: 'fallback',
};

export const AGENTS: Record<AgentName, Agent> = {
  greeting: greetingAgent,
  cars: carsAgent,
  financing: financingAgent,
  kavak_info: kavakInfoAgent,
  sales: salesAgent,
  social: socialAgent,
  haggle: haggleAgent,
  fallback: fallbackAgent,
};

/**
 * Agents of the second phase read what the first phase decided (the car just recommended is
 * the one to finance or to visit), so they run after it; agents within a phase run concurrently.
 * A record, so a new agent without a phase does not compile (a list would skip it silently).
 */
export const AGENT_PHASE: Record<AgentName, 1 | 2> = {
  greeting: 1,
  kavak_info: 1,
  cars: 1,
  fallback: 1,
  social: 1,
  financing: 2,
  sales: 2,
  // Reads the car the cars agent just picked for this very message.
  haggle: 2,
};

/** Agents by phase, each phase in reply order. */
export const PHASES: readonly (readonly AgentName[])[] = ([1, 2] as const).map((phase) =>
  AGENTS_IN_REPLY_ORDER.filter((name) => AGENT_PHASE[name] === phase),
);
