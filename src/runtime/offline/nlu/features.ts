import type { Transmission } from '../../../core/intents/schema.js';
import type { Span } from '../../../tools/text/span.js';
import { findAll } from '../../../tools/text/span.js';

export interface FeatureFacts {
  bluetooth: boolean | null;
  carplay: boolean | null;
  transmission: Transmission | null;
  /** Features the catalog has no column for, as short Spanish labels ("diésel", "camioneta"). */
  otherFeatures: string[];
  /** Where each feature was named, for ordering intents and masking numbers ("7 pasajeros"). */
  spans: Span[];
}

export const BLUETOOTH =
  /\b(bluetooth|bluetoo?th?|blutu+th?|bluetuth|blu\s+tooth|bluethooth|bluethoot|bluetoot)\b/;
export const CARPLAY = /\b(apple\s+)?car\s*play\b|\bandroid\s+auto\b/;
const AUTOMATIC =
  /\b(automatic[oa]s?|automatic|transmision\s+automatica|cvt|tiptronic|de\s+cambios\s+automaticos)\b/;
const MANUAL =
  /\b(estandar|standard|std|manual|de\s+palanca|mecanic[oa]|stick\s+shift|de\s+velocidades)\b(?!\s+del\s+propietario)/;
/** "sin", "no tiene", "no necesito": the feature is not wanted (or absent). */
const NEGATION_BEFORE =
  /\b(sin|no\s+(?:tiene|tenga|necesito|quiero|ocupo|busco|traiga|trae))\s+(?:(?:el|la|los|las|un|una)\s+)?$/;
/** "los automáticos se descomponen", "el estándar me cansa": named to be complained about, so not wanted. */
const COMPLAINT_AFTER =
  /^\s*(?:(?:siempre|luego|mucho|muy)\s+)?(?:se\s+(?:descompone|rompe|atora|calienta)n?|falla(?:n)?\b|no\s+sirve(?:n)?|(?:me\s+)?(?:da|dan|dieron)\s+(?:problemas|lata|guerra)|son\s+(?:malos|fallones|bien\s+fallones|una\s+lata)|me\s+cansa(?:n)?|no\s+me\s+gusta(?:n)?|salen\s+caros)/;
const INDIFFERENT_BEFORE = /\bno\s+(?:me\s+)?importa\s+(?:(?:el|la|si|que|tenga|sea)\s+)*$/;

/**
 * Requested features with no catalog column: what the agent says is "not in the data". Body types,
 * seats and use have columns now (body-types.ts).
 */
const OTHER_FEATURES: readonly [label: string, pattern: RegExp][] = [
  ['diésel', /\bdiesel\b/],
  ['híbrido', /\b(hibrid[oa]s?|hybrid)\b/],
  ['eléctrico', /\b(electric[oa]s?|electric)\b/],
  ['bolsas de aire', /\b(bolsas?\s+de\s+aire|air\s*bags?)\b/],
  ['quemacocos', /\b(quemacocos|quema\s+cocos|sunroof|techo\s+(panoramico|corredizo))\b/],
  ['cámara de reversa', /\bcamara\s+(de\s+)?(reversa|trasera|de\s+retroceso)\b/],
  ['sensores de estacionamiento', /\bsensores?\s+(de\s+)?(estacionamiento|reversa|proximidad)\b/],
  ['asientos de piel', /\b(asientos|vestiduras|interiores?)\s+de\s+piel\b|\bpiel\b/],
  ['4x4', /\b(4x4|4\s*x\s*4|4wd|awd|traccion\s+(integral|total|4x4|en\s+las\s+cuatro))\b/],
  ['turbo', /\bturbo\b/],
  ['deportivo', /\bdeportiv[oa]s?\b/],
  [
    'aire acondicionado',
    /\b(aire\s+acondicionado|a\/c)\b|\b(con|tenga|tiene|y)\s+clima\b|\bclima\s+(automatico|dual|bizona)\b/,
  ],
  ['pantalla', /\bpantalla(\s+tactil)?\b/],
  ['GPS', /\b(gps|navegador|navegacion)\b/],
  [
    'bajo consumo',
    /\b(ahorrador|rendidor|que\s+rinda|bajo\s+consumo|gaste\s+poca\s+gasolina|economico\s+en\s+gasolina)\b/,
  ],
  ['color rojo', /\b(roj[oa])\b/],
  ['color blanco', /\b(blanc[oa])\b/],
  ['color negro', /\b(negr[oa])\b/],
  ['color gris', /\b(gris|plata|platead[oa])\b/],
  ['color azul', /\bazul\b/],
  ['color verde', /\bverde\b/],
  ['color café', /\bcafe\b/],
  ['color beige', /\bbeige\b/],
  ['color vino', /\b(?:color\s+)?vino\b/],
];

export function findFeatures(text: string): FeatureFacts {
  const facts: FeatureFacts = {
    bluetooth: null,
    carplay: null,
    transmission: null,
    otherFeatures: [],
    spans: [],
  };
  const wanted = (pattern: RegExp): boolean | null => {
    const hits = findAll(text, pattern);
    if (hits.length === 0) return null;
    facts.spans.push(...hits.map(({ start, end }) => ({ start, end })));
    const before = text.slice(Math.max(0, hits[0]!.start - 40), hits[0]!.start);
    if (INDIFFERENT_BEFORE.test(before)) return null;
    const after = text.slice(hits[0]!.end, hits[0]!.end + 40);
    return !NEGATION_BEFORE.test(before) && !COMPLAINT_AFTER.test(after);
  };
  facts.bluetooth = wanted(BLUETOOTH);
  facts.carplay = wanted(CARPLAY);
  const automatic = wanted(AUTOMATIC);
  const manual = wanted(MANUAL);
  if (automatic !== null) facts.transmission = automatic ? 'automatic' : 'manual';
  else if (manual !== null) facts.transmission = manual ? 'manual' : 'automatic';
  for (const [label, pattern] of OTHER_FEATURES) {
    if (wanted(pattern) === true) facts.otherFeatures.push(label);
  }
  return facts;
}
