/**
 * Characters as a person (and WhatsApp) counts them: code points, so "ñ" and "🚗" are one each,
 * where `.length` counts UTF-16 units and a byte count counts "ñ" twice.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
