/**
 * The guard behind "numbers come from code": a phrased reply may only state figures that the
 * draft (built from the tools) stated. Anything else means the model invented or altered a
 * fact, and the draft is used instead.
 */
export function figuresIn(text: string): Set<string> {
  const figures = new Set<string>();
  for (const match of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) {
    const normalised = normaliseFigure(match[0]);
    // 1–2 digit numbers are counts and list positions ("3 opciones", "1."): not facts to guard.
    if (normalised.replace(/\D/g, '').length >= 3) figures.add(normalised);
  }
  return figures;
}

export function normaliseFigure(figure: string): string {
  return figure
    .replace(/,/g, '')
    .replace(/\.0+$/, '')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** Figures the phrased text states that the draft does not; [] means grounded. */
export function ungroundedFigures(phrased: string, draft: string): string[] {
  const allowed = figuresIn(draft);
  return [...figuresIn(phrased)].filter((f) => !allowed.has(f));
}
