/**
 * The words around a number that say what it is. `*_BEFORE` patterns are tested against the
 * clause text just before the number (anchored at its end), `*_AFTER` against the text just after
 * it (anchored at its start). All are written against normalised text (no accents, lowercase).
 */
const FILLER = String.raw`(?:(?:de|del|el|los|las|unos|unas|como|aprox|aproximadamente|alrededor\s+de|un|una)\s+)*(?:\$\s*)?`;

export const KM_AFTER = /^\s*(km|kilometraje)\b/;
export const KM_BEFORE = new RegExp(
  String.raw`\b(kilometraje|km)\s+(?:(?:menor|menos|maximo|max|hasta|debajo|abajo|no\s+mayor|que\s+no\s+pase|a|de)\s+)*${FILLER}$`,
);

export const PERCENT_AFTER = /^\s*(%|por\s*ciento|porciento|pct|percent)/;
export const DISCOUNT_NEAR = /descuento|rebaja|discount|off\b/;

export const YEARS_AFTER = /^\s*(anos?|years?|yrs?)\b/;
export const MONTHS_AFTER = /^\s*(meses|mes|months?|mensualidades|pagos|plazos)\b/;
/** "un carro de 5 años", "que no tenga más de 5 años": the car's age, not a term. */
export const AGE_BEFORE =
  /\b(carro|auto|coche|camioneta|nave|vehiculo|tenga|antiguedad|uso|viejo)\s+(?:(?:de|con|mas|menos|maximo|unos)\s+)*$/;
export const AGE_AFTER = /^\s*(anos?|years?)\s+(de\s+)?(antiguedad|uso|viejo|antiguo|de\s+edad|old)/;
export const WARRANTY_AFTER = /^\s*(meses|mes|anos?|dias)\s+(de\s+)?(garantia|prueba)/;

export const MONTHLY_AFTER =
  /^\s*(?:y\s+(?:pico|algo|feria|cacho)\s+)?(?:(?:pesos|varos|mxn)\s+)?(?:(?:al|por|cada|x|a\s+la)\s+mes\b|mensual(?:es)?\b|mensualmente\b|de\s+mensualidad|de\s+pago\s+mensual|por\s+mensualidad|a\s+month\b|per\s+month\b|monthly\b)/;
export const MONTHLY_BEFORE = new RegExp(
  String.raw`\b(mensualidad(?:es)?|mensual(?:es)?|pagos?\s+mensual(?:es)?|abonos?|monthly\s+payments?|pagar\s+al\s+mes|pagar\s+mensualmente|pague\s+al\s+mes)\s+(?:(?:de|por|of|maximo|hasta|menos\s+de|no\s+mas\s+de|que\s+no\s+pase\s+de|seria|sean|quede|queden|en)\s+)*${FILLER}$`,
);

/** "50 mil de enganche"; "80 mil por el Sentra como enganche" (a trade-in's value, the car itself blanked or not). */
export const DOWN_AFTER =
  /^\s*(?:(?:pesos|varos|mxn)\s+)?(?:(?:por|x)\s+(?:(?:el|la|mi)\s+\w+(?:\s+(?:19|20)\d{2})?\s+)?)?(?:(?:de|del|para\s+el|para|como|como\s+el|pa(?:ra)?\s+el)\s+)?(enganche|entrada|pago\s+inicial)|^\s*(?:of\s+)?down\b/;
export const DOWN_BEFORE = new RegExp(
  String.raw`\b(enganche|entrada|pago\s+inicial|inicial|down\s+payment)\s+(?:(?:de|del|con|seria|es|of|como|hasta|maximo|minimo|sera|puedo\s+dar|tengo|doy|daria)\s+)*${FILLER}$`,
);
/** "puedo dar 50 mil": a down payment only when the conversation is about one. */
export const GIVE_BEFORE =
  /\b(dar|doy|daria|dando|dejar|dejo|dejando|poner|pongo|pondria|poniendo|juntar|junte|tengo\s+ahorrad[oa]s?)\s+(?:(?:de\s+enganche|unos|como)\s+)*(\$\s*)?$/;
/** "enganche del 20", "el 20 de enganche": a small number with an article is a percentage. */
export const PERCENT_ARTICLE_BEFORE = /\b(el|del|un)\s*$/;

export const PRICE_MAX_BEFORE = new RegExp(
  String.raw`\b(menos\s+de|menor\s+(?:a|de)|hasta|maximo|max|tope|no\s+mas\s+de|no\s+(?:\w+\s+){1,2}(?:mas\s+de|arriba\s+de)|no\s+(?:me\s+)?pas(?:o|a|e|an|en|amos)\s+de|limite|lo\s+mas\s+que\s+(?:\w+\s+){0,2}(?:gastar|pagar|dar)|no\s+mayor\s+a|a\s+lo\s+mucho|debajo\s+de|abajo\s+de|no\s+pase\s+de|no\s+exceda|no\s+supere|no\s+rebase|no\s+(?:me\s+)?(?:pase|pasen|rebase|rebasen|exceda|excedan)\s+(?:de\s+)?|presupuesto|tengo|traigo|cuento\s+con|me\s+alcanza|alcanza|gastar|invertir|under|up\s+to|less\s+than|below|budget|max(?:imum)?|como\s+de|de\s+unos|alrededor\s+de|por\s+ahi\s+de|cerca\s+de|around|roughly)\s+(?:(?:de|es|seria|para|con|maximo|como|of|is|a)\s+)*${FILLER}$`,
);
export const PRICE_MIN_BEFORE = new RegExp(
  String.raw`\b(mas\s+de|mayor\s+(?:a|de)|minimo|desde|arriba\s+de|encima\s+de|por\s+lo\s+menos|al\s+menos|a\s+partir\s+de|over|more\s+than|at\s+least|from)\s+(?:(?:de|es)\s+)*${FILLER}$`,
);
export const PRICE_MIN_AFTER =
  /^\s*(?:(?:pesos|mxn)\s+)?(o\s+mas|para\s+arriba|en\s+adelante|hacia\s+arriba|or\s+more|\+)/;
export const PRICE_MAX_AFTER =
  /^\s*(?:(?:pesos|mxn|mil|k)\s+)?(o\s+menos|para\s+abajo|maximo|max|como\s+maximo|de\s+presupuesto|or\s+less|tope|top|(?:es|son|seria)\s+(?:lo\s+mas|lo\s+maximo|mi\s+(?:tope|limite|maximo|presupuesto))|is\s+my\s+(?:max|limit|budget)|no\s+(?:me\s+)?pas(?:o|amos|aria)\b)/;
/** A small bare number is thousands only when the words around it talk about a budget. */
export const BUDGET_WORDS =
  /\b(presupuesto|hasta|menos\s+de|mas\s+de|maximo|minimo|tope|limite|pas[oa]\s+de|cuest[ae]n?|sale\s+en|no\s+mas\s+de|entre|budget)\b/;
/**
 * A counter-offer names the price right after leaving/giving the car ("me lo dejas en 300",
 * "te doy 250", "rebajalo a 130"): a bare small number there is thousands too.
 */
export const OFFER_BEFORE =
  /\b(?:deja\w*|das|dan|darias|rebaja\w*|baja\w*|vendes|venden|pones|ponen)\s+(?:(?:el|la|ese|esa|este|esta)\s+(?:\w+\s+){0,3})?(?:en|a|por|x)\s*\$?\s*$|\b(?:doy|damos|ofrezco|ofrecemos)\s*\$?\s*$/;

export const YEAR_MIN_BEFORE =
  /\b(desde\s+el|desde|a\s+partir\s+del?|minimo|mas\s+nuevo\s+que\s+(el\s+)?|mas\s+reciente\s+que\s+(el\s+)?|posterior\s+al?|despues\s+del?|arriba\s+del?|(?<!no\s)mayor\s+al?|no\s+mas\s+viejo\s+que\s+(el\s+)?|no\s+mas\s+antiguo\s+que\s+(el\s+)?|newer\s+than|after|since)\s*$/;
export const YEAR_MIN_AFTER =
  /^\s*(\+|o\s+(mas\s+)?(nuevo|nueva|nuevos|reciente|recientes|posterior|despues)|para\s+arriba|en\s+adelante|hacia\s+arriba|o\s+mas|or\s+newer|and\s+up|or\s+later)/;
export const YEAR_MAX_BEFORE =
  /\b(hasta\s+el|hasta|maximo|no\s+mayor\s+al?|menor\s+al?|antes\s+del?|anterior\s+al?|mas\s+viejo\s+que\s+(el\s+)?|older\s+than|before|up\s+to)\s*$/;
export const YEAR_STRICT_BEFORE = /\b(antes\s+del?|anterior\s+al?|before)\s*$/;
export const YEAR_MAX_AFTER =
  /^\s*(o\s+(mas\s+)?(viejo|antiguo|anterior|antes)|para\s+abajo|hacia\s+abajo|or\s+older)/;
/** "modelo 18" is 2018. */
export const MODEL_WORD_BEFORE = /\bmodelo\s*$/;

export const STOCK_BEFORE =
  /\b(stock|id|folio|numero|num|no|clave|codigo|sku|inventario|auto|carro|coche|unidad|camioneta|el|este|ese|del|#)\s*(?:(?:es|de|del|el|numero|id)\s+)*#?\s*$/;

/**
 * Money words bound to a six-digit figure, right before or after it ("cuesta 265999", "tengo
 * 250000 pesos"): "el 322722 a 5 años con 50 mil de enganche" names a car, not a price.
 */
export const PRICED_BEFORE =
  /\b(precio|cuesta|cuestan|vale|sale|pesos|lana|presupuesto|pagar|pago|tengo|enganche|dar|doy)\s+(?:\S+\s+){0,2}$/;
export const PRICED_AFTER = /^\s*(pesos|mxn|varos|de\s+(?:lana|enganche|presupuesto|entrada))\b/;

/** A range's joint between two numbers: "entre 200 y 300 mil", "2017-2019", "de 50 a 80 mil km". */
export const RANGE_JOINT = /^\s*(y|a|al|hasta|-|o|and|to)\s*(?:(?:el|los)\s+)?(\$\s*)?$/;

/** "a 5", "en 4", "plazo de 5": a bare small number that is a term in a financing conversation. */
export const TERM_BEFORE = /(^|\b)(a|en|plazo\s+de|plazo|plazos\s+de|term\s+of|over)\s*$/;

/**
 * "lo mínimo", "con el enganche más bajo", "el mínimo de entrada": the lowest down payment the
 * financing tool allows, named without a figure (a figure after it is a bound: "mínimo 50 mil").
 */
export const MINIMUM_DOWN =
  /\b(?:(?:lo|el|del|con\s+el|con\s+lo)\s+(?:mas\s+)?(?:minimo|bajo\s+posible|menos\s+posible)|(?:enganche|entrada|pago\s+inicial)\s+(?:mas\s+bajo|minimo))\b(?!\s+(?:de\s+)?\$?\s*\d)/;
/** The words that make a "mínimo" a down payment when the conversation is not about payments. */
export const DOWN_WORDS = /\b(enganche|entrada|pago\s+inicial)\b/;

/** "una cuarta parte de enganche", "la mitad": a share of the price, as a percentage. */
export const FRACTION_DOWN =
  /\b(?:la\s+(mitad)|(?:una|la)\s+(cuarta|quinta|decima)\s+parte|un\s+(cuarto|quinto|decimo))\b/;
export const FRACTION_PERCENT: Readonly<Record<string, number>> = {
  mitad: 50,
  cuarta: 25,
  cuarto: 25,
  quinta: 20,
  quinto: 20,
  decima: 10,
  decimo: 10,
};
