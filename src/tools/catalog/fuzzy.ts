/** Edits allowed for a key of this length: none up to 3 characters, 1 up to 7, then 2. */
export function typoThreshold(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}
