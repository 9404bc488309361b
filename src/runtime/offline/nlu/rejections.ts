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

/**
 * "me dan 80 mil por el Sentra como enganche", "if you give me 80k for my Sentra": the car named
 * is the customer's own, traded in; its name is not the car to search for or finance.
 */
const OWN_CAR_NAMED =
  /\b(?:dan|darian|daran|den|dieran|pagan|pagarian|paguen|pagaran|ofrecen|ofrecerian|ofrezcan|toman|tomarian|give|pay|offer)\s+(?:\S+\s+){0,3}?(?:por|x|for)\s+((?:el|la|mi|my|the)\s+\w+(?:\s+(?:19|20)\d{2})?)/;

export function findOwnCarNamed(text: string): Span[] {
  return findAll(text, OWN_CAR_NAMED).map((hit) => {
    const start = hit.end - hit.match[1]!.length;
    return { start, end: hit.end };
  });
}
