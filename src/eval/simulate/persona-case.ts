import type { LoadedCase } from '../golden-set/schema.js';
import type { LoadedPersona } from './persona.js';

export const SIMULATED_TAG = 'simulated';

/**
 * The case a persona's conversation is reported as: the persona's id, its goal for a title,
 * its file, and the conversation rubrics that judge it (the persona's, else every one loaded). The one turn stands for the opening (the runner orders and counts cases by turns);
 * the real turns are the ones the conversation had.
 */
export function personaCase(persona: LoadedPersona, conversationRubrics: readonly string[]): LoadedCase {
  return {
    id: persona.id,
    title: persona.goal,
    file: persona.file,
    tags: [SIMULATED_TAG, ...persona.tags],
    goal: `${persona.goal} (presupuesto: ${persona.budget} pesos; ciudad: ${persona.city}; éxito: ${persona.success.description})`,
    judges: persona.judges ?? [...conversationRubrics],
    turns: [{ user: persona.opening ?? persona.goal, expect: {} }],
  };
}
