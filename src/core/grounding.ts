import { figureLabel, GroundedFigures, ungroundedIn } from '../tools/text/grounded-figures.js';

/**
 * The guard behind "numbers come from code": a phrased reply may only state figures (money,
 * percentages, terms, plain numbers, in digits or words) that the draft or the tools' facts
 * state, in any form. Anything else means the model invented or altered a fact, and the draft
 * is used instead.
 */
export function ungroundedFigures(phrased: string, draft: string, facts: unknown = {}): string[] {
  const grounded = new GroundedFigures().addTexts([draft]).addValues(facts);
  return [...new Set(ungroundedIn(phrased.normalize('NFC'), grounded).map(figureLabel))];
}
