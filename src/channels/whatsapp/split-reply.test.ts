import { describe, expect, it } from 'vitest';
import { splitForWhatsApp, WHATSAPP_MAX_CHARS } from './split-reply.js';

describe('splitForWhatsApp', () => {
  it('keeps a short reply whole', () => {
    expect(splitForWhatsApp('Hola')).toEqual(['Hola']);
  });

  it('splits a long reply at paragraph breaks, every message within the limit', () => {
    const paragraphs = Array.from(
      { length: 12 },
      (_, i) => `Párrafo ${i + 1}: ${'texto '.repeat(40).trim()}.`,
    );
    const messages = splitForWhatsApp(paragraphs.join('\n\n'));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(WHATSAPP_MAX_CHARS);
    // nothing lost, no paragraph cut in half
    expect(messages.join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('cuts a single huge paragraph at sentence ends when it must', () => {
    const sentence = 'Esta es una oración de prueba bastante larga para WhatsApp. ';
    const messages = splitForWhatsApp(sentence.repeat(80).trim());
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(WHATSAPP_MAX_CHARS);
      expect(m.endsWith('.')).toBe(true);
    }
  });
});
