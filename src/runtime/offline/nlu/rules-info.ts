import type { CueRule } from './cue-rule.js';
import { words } from './cue-rule.js';
import type { KnowledgeTopic } from '../../../core/intents/schema.js';

/** The knowledge-base part of each topic; topics left out ("cómo funciona") are searched by their words. */
const INFO_TOPIC: Readonly<Record<string, KnowledgeTopic>> = {
  'Kavak Total': 'kavak_total',
  garantía: 'warranty',
  devolución: 'returns',
  sedes: 'branches',
  horario: 'hours',
  inspección: 'inspection',
  app: 'app',
  'vender mi auto': 'sell_car',
  'auto a cuenta': 'trade_in',
  'tasa de interés': 'financing_terms',
  'buró de crédito': 'credit_approval',
  'aprobación del crédito': 'credit_approval',
  documentos: 'documents',
  mantenimiento: 'maintenance',
  'entrega a domicilio': 'delivery',
  'qué es Kavak': 'company',
  seguro: 'insurance',
  trámites: 'paperwork',
  apartado: 'reservation',
  'cómo comprar': 'buying_process',
  'cobro de mensualidades': 'financing_process',
};

/** The knowledge-base part a topic of these rules names ("garantía, devolución" → warranty). */
export function infoTopicOf(topics: string | null): KnowledgeTopic | null {
  const first = topics?.split(', ').find((t) => INFO_TOPIC[t]);
  return first ? INFO_TOPIC[first]! : null;
}

const info = (topic: string, confidence: number, source: string, extra: Partial<CueRule> = {}): CueRule => ({
  intent: 'kavak_info',
  topic,
  ...(INFO_TOPIC[topic] ? { infoTopic: INFO_TOPIC[topic] } : {}),
  confidence,
  pattern: words(source),
  ...extra,
});

/** kavak_info: questions about Kavak itself, each with the topic the knowledge base is searched for. */
/**
 * "¿es confiable?", "¿sale bueno el MG?", "is it reliable?": whether a car can be trusted is
 * answered with what Kavak does for every car (its inspection and its warranty), never with an
 * opinion of the make.
 */
const RELIABLE = String.raw`confiables?|reliable|reliability|(?:es|son|sale|salen)\s+(?:muy\s+)?buen[oa]s?\s+(?:marca|carro|auto|coche)s?|(?:buena|mala)\s+marca|de\s+calidad`;

export const INFO_RULES: readonly CueRule[] = [
  info('Kavak Total', 0.95, String.raw`kavak\s+total`),
  info('garantía', 0.9, String.raw`garantias?|warranty|${RELIABLE}`),
  info(
    'devolución',
    0.9,
    String.raw`devolucion(?:es)?|devolver(?:lo|la)?|regresar(?:lo|la)|(?:lo|la)\s+(?:puedo\s+|podria\s+|puede\s+|pueden\s+|se\s+puede\s+)?(?:regresar|regreso|devolver|devuelvo|regresan|devuelven|reciben\s+de\s+vuelta)|reembolso|7\s+dias|siete\s+dias|300\s+km|periodo\s+de\s+prueba|si\s+no\s+me\s+(?:gusta|convence)|return\s+policy|refund|return\s+(?:the|it|a)|give\s+it\s+back|if\s+i\s+(?:don\s*t|do\s+not)\s+like\s+(?:it|the\s+car|the\s+\w+)|(?:not\s+happy|change\s+my\s+mind)\s+(?:with\s+)?(?:it|the\s+car)?\s*after`,
  ),
  info(
    'sedes',
    0.9,
    String.raw`sedes?|sucursal(?:es)?|(?:tienen|hay|su|sus|una)\s+agencias?|oficinas?|ubicacion(?:es)?|direccion(?:es)?|donde\s+(?:estan|se\s+ubican|quedan|queda|los\s+encuentro|tienen|se\s+encuentran|estan\s+ubicados)|hay\s+kavak\s+(?:en|aca|aqui|alla|ahi|por\s+aca|por\s+aqui)|tienen\s+presencia\s+en|where\s+are\s+you|locations?|branch(?:es)?|showroom|is\s+there\s+(?:a|any)\s+kavak|kavak\s+in\s+(?!the\b)\w+|are\s+you\s+in\s+\w+`,
  ),
  info(
    'horario',
    0.9,
    String.raw`horarios?|a\s+que\s+hora\s+(?:abre|abren|cierra|cierran|atienden|puedo\s+(?:ir|llegar|pasar))|hasta\s+que\s+hora|abre|abren|cierra|cierran|abiert[oa]s?\s+(?:el|los|en|hoy|manana|en\s+la)|opening\s+hours|hours|open\s+on|(?:what\s+time|when)\s+(?:are\s+you|do\s+you|does\s+(?:it|the\s+\w+)|is\s+(?:it|the\s+\w+))\s+(?:open|close)|open\s+(?:today|tomorrow|on\s+\w+days?)`,
  ),
  info(
    'inspección',
    0.85,
    String.raw`inspeccion(?:es)?|inspeccionad[oa]s?|revisad[oa]s?|certificad[oa]s?|certificacion|revision\s+mecanica|puntos\s+de\s+revision|inspection|inspected|${RELIABLE}`,
  ),
  info('app', 0.85, String.raw`app|aplicacion`),
  info(
    'vender mi auto',
    0.9,
    String.raw`vender(?:les|le|selo|selos)?\s+(?:mi|el|un|nuestro|mis|este)\s+\w+|venderselo|venderles|(?:me|le|nos)\s+(?:compran|compra|comprarian)\s+(?:mi|el|su|un|nuestro)\s+\w+|vendo\s+mi\s+\w+|comprarian\s+mi|me\s+compran\s+(?:mi|el)|compran\s+(?:autos|carros|coches)|cuanto\s+me\s+(?:dan|darian|daran|pagan|pagarian|pagaran|ofrecen|ofrecerian)\s+(?:por|x)\s+(?:mi\s+\w+|el|la|ella|este|esta|ese|esa)\b|(?:lo|la)\s+(?:vendo|vendiera|vendemos|puedo\s+vender)\b|cotiz(?:ar|an|en|as|a|ame|amos|arian|arias)\s+(?:mi|nuestro)\s+(?:propio\s+)?(?!(?:credito|financiamiento|mensualidad|plan|seguro|enganche|prestamo)\b)\w+|cuanto\s+(?:vale|valdria|cuesta)\s+mi\s+\w+|pasan\s+por\s+(?:el|ella|mi\s+\w+)|sell\s+(?:you\s+)?my\s+(?:current\s+|old\s+)?\w+|how\s+much\s+(?:would|will|do|could|can)\s+you\s+(?:give|pay|offer)\s+(?:me\s+)?for\s+(?:my\s+(?:current\s+|old\s+)?\w+|it)|what\s+(?:is|s)\s+my\s+(?:current\s+|old\s+)?(?:car|truck)\s+worth`,
    { ownCar: true },
  ),
  info(
    'auto a cuenta',
    0.9,
    String.raw`a\s+cuenta|como\s+parte\s+del?\s+pago|(?:give|hand|leave|offer)\s+(?:you\s+)?my\s+(?:current\s+|old\s+|own\s+|present\s+)?(?:car|truck|vehicle|suv|\w+)\s+(?:as|for|towards)\s+(?:a\s+|the\s+)?(?:part\s+(?:of\s+(?:the\s+)?)?payment|down\s*payment|deposit)|as\s+(?:a\s+)?part\s+(?:of\s+the\s+)?payment|part[-\s]exchange|(?:mi|el)\s+\w+\s+(?:como|de|para\s+el)\s+enganche|toma\s+de\s+auto|trade\s*-?\s*in|(?:use|put|count|apply)\s+(?:it|my\s+(?:current\s+|old\s+)?(?:car|truck|\w+))\s+(?:as|towards|for|to)\s+(?:the\s+|a\s+)?(?:down\s*payment|deposit|part\s+of\s+the\s+payment)|intercambio|cambiar\s+mi\s+\w+|dar\s+mi\s+\w+|consignacion`,
    { ownCar: true },
  ),
  /** How the credit works (rate, costs, approval) is the knowledge base's, not a plan to compute. */
  info(
    'tasa de interés',
    0.85,
    String.raw`tasas?|intereses?|interest\s+rate|(?:what|which)\s+rate|apr|plazos?\s+(?:maximo|minimo|mas\s+largo|mas\s+corto)|(?:longest|maximum|max|shortest)\s+term`,
  ),
  // Costs the knowledge base does not publish, each a question of its own: "¿qué tasa manejan? ¿y
  // cobran comisión?" answers the rate and says the commission is not known.
  info(
    'comisiones',
    0.85,
    String.raw`comision(?:es)?(?:\s+(?:por|de)\s+apertura)?|apertura|(?:opening\s+|admin\w*\s+)?fees?|commissions?`,
  ),
  info('CAT', 0.85, String.raw`cat|costo\s+anual\s+total`),
  info('meses sin intereses', 0.86, String.raw`meses\s+sin\s+intereses|msi|interest\s*-?\s*free`),
  info(
    'buró de crédito',
    0.85,
    String.raw`buro|historial(?:\s+crediticio|\s+de\s+credito)?|pre\s*aprobad[oa]|precalifica\w*|credit\s+score`,
  ),
  // Whether a loan will be approved is not known: the answer offers a person ("lo que no sé").
  info(
    'aprobación del crédito',
    0.85,
    String.raw`me\s+(?:aprueban|aprobarian|autorizan|dan\s+el\s+credito)|aprobacion|aprueb(?:an|en|e)|aprobar(?:an|ian|me)|(?:will|would)\s+(?:i|my\s+\w+)\s+(?:be|get)\s+approved|get\s+approved`,
  ),
  info(
    'documentos',
    0.85,
    String.raw`documentos|documentacion|requisitos|papeles|papeleria|que\s+necesito\s+para|que\s+piden|ine|identificacion|comprobantes?\s+de\s+(?:domicilio|ingresos)|estados\s+de\s+cuenta|documents|requirements|proof\s+of\s+(?:income|address|employment)|pay\s*stubs?|bank\s+statements?`,
  ),
  info(
    'cómo comprar',
    0.86,
    String.raw`como\s+(?:le\s+hago|le\s+hacemos|se\s+hace|hago)\s+para\s+(?:comprar|comprarlo|comprarla|adquirir)\w*|como\s+(?:compro|se\s+compra|puedo\s+comprar|comprar\s+en\s+linea)|(?:comprar|compra|comprarlo|comprarla|hacer\s+(?:todo|la\s+compra))\s+(?:\w+\s+){0,2}?(?:en\s+linea|online|por\s+internet|sin\s+ir|desde\s+(?:mi\s+)?casa|a\s+distancia)|buy\s+(?:\w+\s+){0,2}?online|proceso\s+de\s+compra|pasos\s+para\s+comprar|how\s+do\s+i\s+buy|como\s+(?:seria|es|va\s+a\s+ser|funciona)\s+(?:entonces\s+)?(?:la|mi)\s+compra`,
  ),
  /** "¿Y las mensualidades cómo se cobran?": by direct debit (the financing section says so). */
  info(
    'cobro de mensualidades',
    0.88,
    String.raw`(?:como|donde|cuando|con\s+que)\s+(?:se\s+|me\s+)?(?:los\s+|las\s+)?(?:cobran|cobra|pagan|pago|descuentan)\s+(?:las\s+)?(?:mensualidades|pagos|letras)|(?:mensualidades|pagos|letras)\s+(?:\w+\s+)?(?:como|donde|cuando)\s+(?:se\s+|me\s+)?(?:los\s+|las\s+)?(?:cobran|pagan|descuentan)|domiciliacion|domiciliad[oa]s?|how\s+(?:are|do\s+you\s+charge|do\s+i\s+pay)\s+(?:the\s+)?monthly\s+payments|direct\s+debit`,
  ),
  // "¿Cómo funciona lo del crédito y qué papeles piden?": the credit's steps are a topic of their
  // own, kept beside the documents (a bare "¿cómo funciona?" yields to the topic named).
  info(
    'cómo funciona',
    0.85,
    String.raw`como\s+(?:funciona|es|se\s+saca|se\s+tramita|saco)\s+(?:lo\s+del?|el|la|eso\s+del?|su|tu)\s+(?:credito|financiamiento|plan\s+de\s+pagos|prestamo)|how\s+does\s+(?:the\s+)?(?:financing|credit|loan)\s+work`,
  ),
  info(
    'cómo funciona',
    0.85,
    String.raw`como\s+funciona|como\s+es\s+el\s+proceso|proceso\s+de\s+compra|el\s+proceso|como\s+(?:compro|le\s+hago(?!\s+(?:pa|para|pra)\b)|se\s+compra|puedo\s+comprar)|pasos\s+para|how\s+does\s+(?:it|kavak)\s+work|how\s+it\s+works`,
    { howTo: true },
  ),
  info(
    'mantenimiento',
    0.85,
    String.raw`mantenimientos?|afinacion|servicios?\s+(?:de\s+mantenimiento|basicos?|mayor(?:es)?|menor(?:es)?)|maintenance`,
  ),
  info(
    'entrega a domicilio',
    0.85,
    String.raw`a\s+domicilio|entrega(?:n|s)?|entregar(?:lo|la)?|envios?|envian|(?:lo|la)\s+(?:pueden\s+|podrian\s+)?(?:llevar|traer|mandar|enviar|llevan|traen|mandan)|a\s+mi\s+casa|hasta\s+mi\s+casa|(?<=\b(?:prob\w*|prueba|manej\w*|llev\w*|traer\w*|traig\w*|entreg\w*|mand\w*)\s+(?:\w+\s+){0,5}?)en\s+mi\s+(?:casa|domicilio)|delivery|deliver|(?<=\btest\s*-?\s*drive\s+(?:\w+\s+){0,3}?)(?:at|to)\s+(?:my\s+)?(?:home|house|place)|(?:bring|take)\s+(?:it|the\s+car|a\s+car)\s+to\s+(?:my\s+)?(?:home|house|place)`,
  ),
  info(
    'qué es Kavak',
    0.85,
    String.raw`que\s+es\s+kavak(?!\s+total)|quienes\s+son|de\s+donde\s+son|(?:^|[?.!¿]\s*)(?:y\s+|pero\s+)?son\s+confiables?|ustedes\s+son\s+confiables?|(?:kavak|ustedes|la\s+empresa|esta\s+empresa|la\s+pagina|el\s+sitio)\s+(?:es|son)\s+(?:confiables?|de\s+fiar)|es\s+confiable\s+(?:kavak|comprar)|es\s+seguro\s+comprar|son\s+de\s+fiar|es\s+fraude|estafa|son\s+reales|what\s+is\s+kavak(?!\s+total)|who\s+are\s+you`,
  ),
  /** How much to leave to reserve a car: the knowledge base does not say, and the answer must not guess. */
  info(
    'apartado',
    0.9,
    String.raw`cuanto\s+(?:\w+\s+){0,3}?(?:para|de|del|por)\s+(?:el\s+)?(?:apart|reserv|separ)\w*|(?:monto|costo|precio|cantidad)\s+(?:\w+\s+){0,2}?(?:apart|reserv|separ)\w*|(?:apartado|anticipo|deposito)\s+(?:es\s+)?de\s+cuanto|cuanto\s+(?:es|son|seria)\s+(?:el|de)\s+(?:apartado|anticipo|deposito)|how\s+much\s+(?:is\s+)?(?:the\s+)?(?:deposit|to\s+reserve)`,
  ),
  info(
    'formas de pago',
    0.8,
    // "de contado", "cash" ask how to pay only as a question ("¿se puede de contado?", "¿aceptan
    // efectivo?"); "traigo 300 mil de contado, ¿qué hay?" says how they will pay for the car searched.
    String.raw`formas?\s+de\s+pago|medios\s+de\s+pago|como\s+(?:puedo|se\s+puede|le\s+hago\s+para)\s+pagar|metodos?\s+de\s+pago|payment\s+methods?|ways?\s+to\s+pay|pay\s+(?:with|by|using|in)\s+(?:a\s+)?(?:credit\s+|debit\s+)?(?:cards?|cash|transfer|wire|check|cheque)|how\s+(?:can|do)\s+i\s+pay|(?:do\s+you\s+)?(?:accept|take)\s+(?:credit\s+|debit\s+)?(?:cards?|transfers?|cash)|aceptan\s+tarjetas?|tarjeta\s+de\s+credito|(?:puedo|podria|se\s+puede|aceptan|acepta|reciben|can\s+i|do\s+you\s+(?:accept|take))\s+(?:\w+\s+){0,3}?(?:de\s+contado|en\s+efectivo|efectivo|transferencia|con\s+tarjeta|cash)|(?:de\s+contado|en\s+efectivo|efectivo|transferencia|con\s+tarjeta|cash)\s*\?|(?:pago|pagaria|pagare|pagar(?:lo|la)?|(?:lo|la)\s+pago)\s+(?:de\s+contado|en\s+efectivo|cash)|^\W*(?:y\s+)?(?:de\s+contado|en\s+efectivo|cash)\W*$`,
    { paying: true },
  ),
  info(
    'seguro',
    0.8,
    String.raw`seguro\s+(?:de|del|para\s+el)\s+(?:auto|carro|coche)|(?:el|un|del)\s+seguro|aseguranza|poliza|incluye\s+seguro|seguro\s+incluido|insurance`,
  ),
  info(
    'trámites',
    0.8,
    String.raw`placas|tenencia|verificacion|tramites?|cambio\s+de\s+propietario|factura|refacturad[oa]|emplacar`,
  ),
  // Issue 10, item 7: a question may name what it fears, not the policy ("¿y si falla a la
  // semana?" asks about the warranty, and about returning it within the trial period).
  info(
    'garantía',
    0.8,
    String.raw`(?:si|y\s+si|cuando|en\s+caso\s+de\s+que)\s+(?:me\s+|le\s+|se\s+)?(?:falla\w*|descompon\w*|descompus\w*|dana|danan|averia|sale\s+(?:malo|mala|defectuos[oa])|tiene\s+(?:algun\s+)?(?:problema|falla|desperfecto|detalle))|fallas?\s+(?:mecanicas?|de\s+motor)|breaks?\s+down|(?:ya\s+)?(?:le\s+|se\s+le\s+)?(?:truena|tronando|suena|falla|fallando)\s+(?:algo\s+)?(?:del|en\s+el|el|la)\s+(?:motor|transmision|caja|clutch|embrague|frenos?|suspension)|(?:ya\s+)?no\s+(?:me\s+)?(?:prende|arranca|enciende)|se\s+(?:me\s+)?(?:descompuso|desvielo|calienta|sobrecalienta)`,
  ),
  info(
    'inspección',
    0.8,
    String.raw`(?:lo|la|los|las|les?|se\s+les?)\s+(?:checan|chequean|checaron|chequearon|revisan|revisaron|inspeccionan|inspeccionaron|hacen\s+(?:una\s+)?revision)|(?:vender|venden|venderme)\s+(?:\w+\s+){0,2}chatarra|checad[oa]s?|chequead[oa]s?|revisan\s+(?:los|el|cada)\s+(?:autos?|carros?|coches?)|que\s+(?:tanto\s+)?revisan|cuantos\s+puntos|puntos\s+(?:de\s+)?(?:revision|inspeccion)|what\s+do\s+you\s+(?:check|inspect)|how\s+many\s+points`,
  ),
  info(
    'devolución',
    0.75,
    String.raw`a\s+la\s+semana|a\s+los\s+(?:\d+|pocos|dos|tres|cinco|diez)\s+dias|(?:a|en)\s+(?:los\s+)?primeros\s+dias|al\s+dia\s+siguiente|recien\s+comprad[oa]|a\s+week\s+later`,
  ),
  // "¿Qué pasa si me arrepiento?": the trial period asked by what the customer would do.
  info(
    'devolución',
    0.85,
    String.raw`(?:me\s+)?arrepient\w*|arrepentir\w*|arrepenti|me\s+echo\s+para\s+atras|cambio\s+de\s+opinion|ya\s+no\s+lo\s+quiero|ya\s+no\s+me\s+(?:late|gusta|convence|sirve|agrada)|a\s+los\s+(?:pocos\s+)?dias|change\s+my\s+mind|dont\s+like\s+it|do\s+not\s+like\s+it`,
  ),
];
