import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../../../core/profile.js';
import { extractIntents } from './extract-intents.js';
import { normalize } from './normalize.js';
import { questionSpans } from './questions.js';

function read(message: string) {
  return extractIntents({ message, history: [], profile: emptyProfile() }).intents;
}

describe('a message cut into its questions by its shape', () => {
  it.each([
    ['cuanto sale el aveo, tiene bluetooth? y donde lo veo', 3],
    ['¿dan garantia? ¿cuanto dura?', 2],
    ['me gusto el versa y quiero verlo', 1],
  ])('%s → %d', (message, count) => {
    expect(questionSpans(normalize(message).text)).toHaveLength(count);
  });
});

describe('every question about Kavak is listed, in order', () => {
  it('the inspection, then what happens if it breaks soon after buying', () => {
    const info = read('lo checan antes de venderlo?? y si se descompone a los pocos dias q pasa').find(
      (i) => i.type === 'kavak_info',
    );
    expect(info?.entities.questions).toEqual(['inspección', 'garantía', 'devolución']);
  });

  it('a car question and a Kavak question in one message are two intents', () => {
    const intents = read('q precio tiene el tracker, trae carplay? y como es lo de la devolucion');
    expect(intents.map((i) => i.type)).toEqual(['car_recommendation', 'kavak_info']);
    // "trae carplay?" about a named car asks about that car (items 2-4), it does not filter a search.
    expect(intents[0]?.entities).toMatchObject({ model: 'Tracker', carQuestion: ['carplay'] });
    expect(intents[1]?.entities.questions).toEqual(['devolución']);
  });
});

describe('what core used to re-read from the message', () => {
  it('a short "¿y …?" is flagged as a follow-up; one naming a car is not', () => {
    expect(read('y eso en cuanto sale?')[0]?.entities.followUp).toBe(true);
    expect(read('y el jetta?')[0]?.entities.followUp).toBeNull();
  });

  it('asking who answers is an identity question, whatever the wording', () => {
    expect(read('oigan hablo con una persona real?')[0]?.entities).toMatchObject({ topic: 'bot' });
  });

  it('the opening hours of a named branch are a question about hours, not a visit', () => {
    const intents = read('a q hora abre la de santa fe');
    expect(intents.map((i) => i.type)).toEqual(['kavak_info']);
    expect(intents[0]?.entities.questions).toContain('horario');
  });
});
