import type { BodyType, CarUse } from '../../../core/intents/schema.js';
import {
  BODY_TYPE_WORDS,
  CAR_USE_WORDS,
  SEAT_NUMBERS,
  SEATS_WORDS,
  PARTY_SIZE,
} from '../../../tools/text/car-lexicon.js';
import type { Span } from '../../../tools/text/span.js';
import { findAll, overlaps } from '../../../tools/text/span.js';

export interface BodyWish {
  bodyTypes: BodyType[];
  seatsMin: number | null;
  carUse: CarUse | null;
  spans: Span[];
}

/** "nada de sedanes", "que no sea camioneta": a body type not wanted. */
const NOT_WANTED =
  /\b(nada\s+de|sin|no\s+(?:quiero|busco|me\s+gustan?)|que\s+no\s+sea|menos|(?:^|[,.;!?]|eh|pero|y)\s*no|ni)\s+(?:(?:un|una|el|la|los|las)\s+)?$/;

/** "una troca", "camioneta de 7 pasajeros", "algo familiar", "para trabajo": what kind of car. */
export function findBodyWish(text: string): BodyWish {
  const wish: BodyWish = { bodyTypes: [], seatsMin: null, carUse: null, spans: [] };
  for (const { bodyTypes, pattern } of BODY_TYPE_WORDS) {
    for (const hit of findAll(text, pattern)) {
      // "camioneta de carga" was read as a pickup: the word "camioneta" in it is not an SUV.
      if (wish.spans.some((span) => overlaps(span, hit))) continue;
      wish.spans.push({ start: hit.start, end: hit.end });
      if (NOT_WANTED.test(text.slice(Math.max(0, hit.start - 25), hit.start))) continue;
      for (const body of bodyTypes) if (!wish.bodyTypes.includes(body)) wish.bodyTypes.push(body);
    }
  }
  const seats = findAll(text, SEATS_WORDS)[0];
  if (seats) {
    const [, count, thirdRow] = seats.match;
    wish.seatsMin = thirdRow ? 7 : (SEAT_NUMBERS[count ?? ''] ?? Number(count));
    wish.spans.push({ start: seats.start, end: seats.end });
  }
  // "somos 7": a party of five or more needs that many seats; fewer fit any car.
  const party = seats ? undefined : findAll(text, PARTY_SIZE)[0];
  const people = party ? (SEAT_NUMBERS[party.match[1]!] ?? Number(party.match[1])) : 0;
  if (party && people >= 5) {
    wish.seatsMin = people;
    wish.spans.push({ start: party.start, end: party.end });
  }
  for (const { use, pattern } of CAR_USE_WORDS) {
    const hit = findAll(text, pattern)[0];
    if (!hit) continue;
    wish.carUse ??= use;
    wish.spans.push({ start: hit.start, end: hit.end });
  }
  return wish;
}
