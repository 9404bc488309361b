import type { Transmission } from './vocabulary.js';

/**
 * Kavak's version text carries the gearbox as a token: "1.8 LE AUTO", "2.0 LX MT", "1.0 LS A".
 * A lone "A" means automatic ("750I A") unless a number follows ("A 200" is a Mercedes class).
 * ASG (VW's automated gearbox) has no clutch pedal, so for a buyer it is automatic.
 */
const AUTOMATIC_TOKENS = new Set([
  'A',
  'AT',
  'TA',
  'AUT',
  'AUTO',
  'AUTOMATIC',
  'AUTOMATICO',
  'AUTOMÁTICO',
  'CVT',
  'IVT',
  'DCT',
  'DSG',
  'EDC',
  'ASG',
  'XTRONIC',
  'TIPTRONIC',
  'STEPTRONIC',
  'MULTITRONIC',
  'TRONIC',
  'STRONIC',
  'POWERSHIFT',
]);
const MANUAL_TOKENS = new Set(['MT', 'TM', 'STD', 'MANUAL', 'ESTANDAR', 'ESTÁNDAR']);

/** automatic, manual, or null when the version does not say (never guessed). */
export function transmissionFromVersion(version: string): Transmission | null {
  const tokens = version
    .toUpperCase()
    .split(/[\s/,;()]+/)
    .map((token) => token.replace(/\.+$/, ''));
  let found: Transmission | null = null;
  for (const [index, token] of tokens.entries()) {
    // "A 200" is a Mercedes class, "LS A" an automatic.
    if (token === 'A' && /^\d/.test(tokens[index + 1] ?? '')) continue;
    const kind = AUTOMATIC_TOKENS.has(token) ? 'automatic' : MANUAL_TOKENS.has(token) ? 'manual' : null;
    if (kind === null) continue;
    if (found !== null && found !== kind) return null;
    found = kind;
  }
  return found;
}
