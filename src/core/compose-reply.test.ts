import { describe, expect, it } from 'vitest';
import { composeReply, splitForWhatsApp, WHATSAPP_MAX_CHARS } from './compose-reply.js';

describe('composeReply', () => {
  it('orders answers greeting → information → cars → financing → next step', () => {
    const reply = composeReply([
      { agent: 'sales', text: 'Te agendo una visita.' },
      { agent: 'financing', text: 'Mensualidad: $6,371.06' },
      { agent: 'greeting', text: '¡Hola! Soy el asistente de Kavak.' },
      { agent: 'cars', text: '1. Toyota Corolla 2020' },
    ]);
    expect(reply.split('\n\n')).toEqual([
      '¡Hola! Soy el asistente de Kavak.',
      '1. Toyota Corolla 2020',
      'Mensualidad: $6,371.06',
      'Te agendo una visita.',
    ]);
  });

  it('does not greet twice', () => {
    const reply = composeReply([
      { agent: 'greeting', text: '¡Hola! 👋 Soy el asistente virtual de Kavak.' },
      { agent: 'cars', text: '¡Hola! Tengo estas opciones para ti:\n1. Nissan Versa 2020' },
    ]);
    expect(reply.match(/hola/gi)).toHaveLength(1);
    expect(reply).toContain('Tengo estas opciones para ti:');
  });
});

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
