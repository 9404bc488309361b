import type { Span } from '../../../tools/text/span.js';
import type { CueHit } from './cues.js';

/**
 * Where one question ends and the next begins, by the shape of the sentence: a question or
 * full-stop mark, an opening "¿", or a comma / "y" / "o" right before an interrogative or a
 * question verb ("…el MG5, trae CarPlay? y qué garantía le dan?").
 */
const BOUNDARY =
  /[?¿!.;]+|(?:,|\s(?:y|o|and|pero)\b)\s*(?=(?:que|cuant[oa]s?|como|donde|cual(?:es)?|cuando|quien(?:es)?|si|por\s*que|a\s+que|trae|tiene|tienen|viene|vienen|hay|puedo|pueden|dan|incluye|what|how|can|do|does|is)\b)/g;

/** The message cut into its questions (or statements), in order; empty pieces dropped. */
export function questionSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    if (/[a-z0-9]/.test(text.slice(start, match.index))) spans.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  if (/[a-z0-9]/.test(text.slice(start))) spans.push({ start, end: text.length });
  return spans;
}

/**
 * One entry per question about Kavak, in the order asked: each question's own topics, so
 * "¿viene revisado? ¿y si falla a la semana?" asks about the inspection, then the warranty and
 * the trial period. A topic asked twice is one question.
 */
export function questionsAsked(text: string, hits: readonly CueHit[]): string[] {
  const asked: string[] = [];
  for (const span of questionSpans(text)) {
    const inside = hits.filter(
      // By its last character: a cue may begin with the joint ("y si falla") the boundary took.
      (h) => h.rule.intent === 'kavak_info' && h.rule.topic && h.end > span.start && h.end <= span.end,
    );
    for (const hit of inside) if (!asked.includes(hit.rule.topic!)) asked.push(hit.rule.topic!);
  }
  return asked;
}
