import { fold } from '../text/normalize.js';

/** Folded words: letters and digits only, dots dropped so "D.F." reads "df" and "9:00" reads "9 00". */
export function words(text: string): string[] {
  return (
    fold(text)
      .replace(/\./g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Words that carry no topic in a customer's question (folded). */
const STOPWORDS = new Set(
  `a al algo algun alguna ante antes asi aqui bien bueno buena buenas buenos cada como con cual cuales
  cuando cuanto cuanta cuantos cuantas de del desde el ella ellos en entre era es esa ese eso esta estan
  estar este esto estos estoy fue gracias ha hace hacen hacer han hay hola la las le les lo los me mi mis
  mas muy mucho interesa interesan interesado interesada nada ni no nos o oye para pero poder por porque
  pregunta puedo puede pueden pues que quien quiero quisiera saber se sea ser si sin sobre son su sus tal tambien te tener tengo tiene tienen tu tus
  un una uno unos unas usted ustedes va van ver y ya yo necesito favor`.split(/\s+/),
);

/** The same for English questions, which the English twins' keywords answer (folded). */
const ENGLISH_STOPWORDS = new Set(
  `the an is are was be do does did i me my you your we our it its this that what which how can could
  would will of to for with and or have has had any there about please hi hello hey`.split(/\s+/),
);

/** Greetings whose words would otherwise match content ("buenos días" ≠ "7 días de prueba"). */
const GREETING = /\bbuen[oa]s?\s+(dias|tardes|noches)\b/g;

/**
 * Light Spanish stemming: drop a final "s" and an infinitive's "r", keep the first 6 letters,
 * then drop a final a/e/o, so "sedes" and "sede", "meses" and "mes", "pagar" and "pagos",
 * "financiamiento" and "financiar", "vendo" and "vender" meet. Synonyms that share no prefix
 * ("devolver" / "regresar") go in a section's keywords.
 */
export function stem(word: string): string {
  let base = word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
  if (base.length > 4 && /[aei]r$/.test(base)) base = base.slice(0, -1);
  base = base.slice(0, 6);
  return base.length > 3 && /[aeo]$/.test(base) ? base.slice(0, -1) : base;
}

/** Everyday words for the two things every section talks about, so no section needs to list them. */
const SYNONYMS = new Map(
  Object.entries({ carro: 'auto', coche: 'auto', vehiculo: 'auto', sucursal: 'sede', agencia: 'sede' }).map(
    ([word, canonical]) => [stem(word), stem(canonical)],
  ),
);

/** Search terms of a text: folded, without stopwords or greetings, synonyms unified, stemmed. */
export function terms(text: string): string[] {
  const folded = words(text).join(' ').replace(GREETING, ' ');
  return folded
    .split(' ')
    .filter((word) => word.length > 0 && !STOPWORDS.has(word) && !ENGLISH_STOPWORDS.has(word))
    .map((word) => {
      const term = stem(word);
      return SYNONYMS.get(term) ?? term;
    });
}
