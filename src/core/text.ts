import type { Branch } from '../tools/knowledge/types.js';

/** Lowercase, accents removed: how agents compare a customer's words with known names. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Characters as a person (and WhatsApp) counts them: code points, so "ñ" and "🚗" are one each,
 * where `.length` counts UTF-16 units and a byte count counts "ñ" twice.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The branch a message names ("en Antara", "¿a qué hora abre Explanada?"), if any. */
export function branchNamedIn(message: string, branches: readonly Branch[]): Branch | undefined {
  const text = foldText(message);
  return branches.find((b) => text.includes(foldText(b.name)));
}
