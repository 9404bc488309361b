import type { CaseOutcome } from '../results/schema.js';
import type { Simulation } from '../simulate/simulation-schema.js';

/** A case that is a simulated conversation (kavak eval simulate). */
export type SimulatedCase = CaseOutcome & { simulation: Simulation };
type PersonaStyle = NonNullable<Simulation['profile']>['style'];

export function isSimulated(outcome: CaseOutcome): outcome is SimulatedCase {
  return outcome.simulation !== undefined;
}

/** "Lupita (familia-suv-monterrey)", or the id alone when the persona has no name (or was not kept). */
export function personaLabel(simulation: Simulation): string {
  const name = simulation.profile?.name;
  return name ? `${name} (${simulation.persona})` : simulation.persona;
}

/** "$350,000 MXN" */
export function budgetText(budget: number): string {
  return `$${budget.toLocaleString('en-US')} MXN`;
}

/** "no accents · lowercase · typos 10% · emojis: few · impatience: medium": how the customer writes. */
export function describeStyle(style: PersonaStyle): string {
  return [
    style.accents ? null : 'no accents',
    style.lowercase ? 'lowercase' : null,
    style.typos > 0 ? `typos ${Math.round(style.typos * 100)}%` : null,
    style.slang ? 'slang' : null,
    style.abbreviations ? 'abbreviations' : null,
    style.emojis === 'none' ? null : `emojis: ${style.emojis}`,
    `impatience: ${style.impatience}`,
  ]
    .filter((part): part is string => part !== null)
    .join(' · ');
}

const ENDINGS: Record<Simulation['ended'], string> = {
  goal: 'goal reached',
  'gave-up': 'the customer gave up',
  'max-turns': 'ran out of turns',
  error: 'stopped by an error',
};

/** "goal reached · 4 of 8 turns": how the conversation ended and the turns it used. */
export function describeEnding(outcome: SimulatedCase): string {
  const max = outcome.simulation.profile?.maxTurns;
  const used =
    max === undefined ? `${outcome.turns.length} turns` : `${outcome.turns.length} of ${max} turns`;
  return `${ENDINGS[outcome.simulation.ended]} · ${used}`;
}
