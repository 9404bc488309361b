import { describe, expect, it } from 'vitest';
import { normalize, originalSlice } from './normalize.js';

describe('normalize', () => {
  it('lowercases, strips accents and ñ, drops emojis and squeezes stretched letters', () => {
    expect(normalize('Holaaaa!! 😀 ¿Cuánto cuesta el AÑO 2020? 🙏').text).toBe(
      'hola!! cuanto cuesta el ano 2020?',
    );
  });

  it('expands WhatsApp shorthand but keeps "300 k" and "4x4"', () => {
    expect(normalize('q onda, kiero info x fa').text).toBe('que onda, quiero informacion por fa');
    expect(normalize('tengo 300 k').text).toBe('tengo 300 k');
    expect(normalize('una 4 x 4').text).toBe('una 4 x 4');
    expect(normalize('xq no tmb').text).toBe('porque no tambien');
  });

  it('turns emojis that stand for words into the word', () => {
    expect(normalize('👍').text).toBe('ok');
    expect(normalize('busco 🚗').text).toBe('busco carro');
  });

  it('maps spans back to what the customer wrote', () => {
    const normalized = normalize('Mañana a las 5😀, porfa');
    const start = normalized.text.indexOf('manana');
    const end = normalized.text.indexOf('5') + 1;
    expect(originalSlice(normalized, start, end)).toBe('Mañana a las 5');
  });

  it('reads "constructor" and "toString" as words, not as Object.prototype methods', () => {
    expect(normalize('soy constructor, q onda').text).toBe('soy constructor, que onda');
    expect(normalize('q toString').text).toBe('que tostring');
  });

  it('keeps letters outside the BMP in step with the map: no crash on fancy fonts and shorthand', () => {
    // Before, the shorthand after 𝓱𝓸𝓵𝓪 was read at the wrong index and threw a TypeError.
    const normalized = normalize('𝓱𝓸𝓵𝓪 q onda, busco 🚗 x fa');
    expect(normalized.text).toBe('𝓱𝓸𝓵𝓪 que onda, busco carro por fa');
    expect(normalized.map).toHaveLength(normalized.text.length + 1);
    const start = normalized.text.indexOf('busco');
    expect(originalSlice(normalized, start, start + 'busco'.length)).toBe('busco');
  });
});
