import { seededRandom } from '../../tools/catalog/generate.js';
import { fold } from '../../tools/text/normalize.js';
import { emptyUsage } from '../judge/usage.js';
import type { CustomerMove, CustomerPlayer, Exchange } from './customer.js';
import { applyStyle, pick } from './customer-style.js';
import { movesFor } from './customer-moves.js';
import type { Persona } from './persona.js';

/** Useless answers a customer takes on one move before giving up. */
const PATIENCE = { low: 2, medium: 1, high: 0 } as const;

const NUDGES = ['Perdón, no me quedó claro.', 'Oiga, pero le pregunté otra cosa.', '¿Me ayuda o no?'];
const THANKS = ['Perfecto, muchas gracias. Ahí nos vemos', 'Va, gracias por todo', 'Listo, gracias'];
const GIVE_UP = ['Mejor lo veo en otro lado, gracias', 'Ya no, gracias', 'Así no, mejor luego'];

/**
 * The offline customer: plays a persona from its script of moves, deterministic per seed, with no
 * model (so `kavak eval simulate` runs and is tested without a key). It moves on when the agent's
 * reply brings what the move asked for, asks again while its patience lasts, and calls the goal
 * reached once every move is answered and a reply says what the persona's success needs.
 */
export function createScriptedCustomer(persona: Persona, seed: number): CustomerPlayer {
  const random = seededRandom(hashSeed(persona.id, seed));
  const moves = movesFor(persona);
  const patience = PATIENCE[persona.style.impatience];
  let current = 0;
  let retries = 0;
  const say = (text: string) => applyStyle(text, persona.style, random);
  const move = (
    status: 'continue' | 'goal_reached' | 'gave_up',
    message: string,
    reason: string,
  ): CustomerMove => ({
    ok: true,
    turn: { status, message: say(message), reason },
    usage: emptyUsage(),
  });

  return {
    runtime: 'offline',
    model: 'scripted-customer',
    next(transcript: readonly Exchange[]): Promise<CustomerMove> {
      const last = transcript.at(-1)?.agent;
      if (last !== undefined) {
        const asked = moves[current]!;
        if (asked.answered(last)) {
          current += 1;
          retries = 0;
        } else if (retries >= patience) {
          return Promise.resolve(
            move('gave_up', pick(GIVE_UP, random), `the agent did not give ${asked.wanted}`),
          );
        } else {
          retries += 1;
          const again = asked.say(last, random);
          return Promise.resolve(
            move('continue', `${pick(NUDGES, random)} ${again}`, `asks again for ${asked.wanted}`),
          );
        }
      }
      const next = moves[current];
      if (next)
        return Promise.resolve(move('continue', next.say(last ?? '', random), `asks for ${next.wanted}`));
      if (reachedSuccess(persona, transcript)) {
        return Promise.resolve(move('goal_reached', pick(THANKS, random), persona.success.description));
      }
      return Promise.resolve(
        move(
          'gave_up',
          pick(GIVE_UP, random),
          `every move was answered, but no reply said what success needs: ${persona.success.description}`,
        ),
      );
    },
  };
}

/** The persona's success words in one of the agent's replies (all the script can check). */
export function reachedSuccess(persona: Persona, transcript: readonly Exchange[]): boolean {
  const words = persona.success.agentMentions;
  if (!words?.length) return true;
  return transcript.some((exchange) => words.some((word) => fold(exchange.agent).includes(fold(word))));
}

/** Seeds differ per persona, so two personas never share a sequence. */
function hashSeed(id: string, seed: number): number {
  let hash = 2166136261 ^ seed;
  for (const ch of id) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619);
  return hash >>> 0;
}
