/** Digits of a key: a typo fix may never change them ("Serie 4" is not "Serie 3"). */
export function digitsOf(key: string): string {
  return key.replace(/\D/g, '');
}

export function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
