import { describe, expect, it } from 'vitest';
import { maskPhone, redact, redactValue } from './redact.js';

describe('redaction', () => {
  it('masks phone numbers but keeps prices and stock ids', () => {
    const text = 'Cliente whatsapp:+5215512345678 pidió el 305016 de $313,999.00';
    const out = redact(text);
    expect(out).not.toContain('5512345678');
    expect(out).toContain('5678');
    expect(out).toContain('305016');
    expect(out).toContain('313,999.00');
  });

  it('masks keys and tokens, also by field name', () => {
    expect(redact('key sk-abcdefghijklmnop1234')).toBe('key [secret]');
    expect(redactValue({ authToken: 'abc', nested: { apiKey: 'x' } })).toEqual({
      authToken: '[secret]',
      nested: { apiKey: '[secret]' },
    });
  });

  it('masks a WhatsApp address to its last digits', () => {
    expect(maskPhone('whatsapp:+5215512345678')).toBe('whatsapp:+…5678');
  });

  it('leaves identifiers with long digit runs alone', () => {
    expect(redact('trackingId t_0123456789abcdef')).toBe('trackingId t_0123456789abcdef');
  });
});
