import { findAll, type Span } from '../../../tools/text/span.js';

/**
 * "el aveo no me late", "ese no me convence", "I don't like the Jetta": the customer turns a car
 * down. The clause it sits in names what not to search for.
 */
const REJECTION =
  /\b(?:no\s+me\s+(?:late|laten|gusta|gustan|convence|convencen|agrada|agradan|llama|llaman)|no\s+(?:lo|la|los|las)\s+quiero|ni\s+de\s+chiste|descart\w+|(?:i\s+)?(?:dont|do\s+not)\s+(?:like|want)|not\s+(?:a\s+fan|interested\s+in|into))\b/;

export function findRejections(text: string): Span[] {
  return findAll(text, REJECTION).map(({ start, end }) => ({ start, end }));
}
