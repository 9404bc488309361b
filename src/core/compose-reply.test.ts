import { describe, expect, it } from 'vitest';
import { composeReply } from './compose-reply.js';

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
