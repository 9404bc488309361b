import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage', () => {
  it('reads English from how the sentence is built, whatever it is about', () => {
    for (const text of [
      'hey do you guys have the tracker in stock?',
      "I'm moving to Monterrey next month and need a family car",
      'what would the payments be on that one',
      'is it possible to see it this weekend?',
      'Can you send me more pics of the white one',
    ])
      expect(detectLanguage(text), text).toBe('en');
  });

  it('reads Spanish, slang and typos included, and English loanwords do not flip it', () => {
    for (const text of [
      'ola tienen versa 2020??',
      'q onda, cuanto sale el jetta',
      'me lo mandas x whats porfa',
      'busco una suv tipo full equipo con carplay',
      'ok y el de arriba cuantos km tiene',
      'hay alguno mas barato q ese',
    ])
      expect(detectLanguage(text), text).toBe('es');
  });

  it('does not guess on messages too short or too mixed to tell', () => {
    for (const text of ['ok', '👍', '10am', 'Corolla 2020?', '$300k', 'thanks'])
      expect(detectLanguage(text), text).toBeNull();
  });
});
