import type { CueRule } from './cue-rule.js';
import { words } from './cue-rule.js';

/** greeting: only at the start of a message. */
export const GREETING_RULES: readonly CueRule[] = [
  {
    intent: 'greeting',
    confidence: 0.95,
    atStart: true,
    pattern: words(String.raw`hola|holas|holi|holis|hla|hello|hi|hey|ey`),
  },
  {
    intent: 'greeting',
    confidence: 0.95,
    atStart: true,
    pattern: words(
      String.raw`buen(?:os|as)?\s+(?:dia|dias|tarde|tardes|noche|noches)|buenas|buen\s+dia|muy\s+buenas|good\s+(?:morning|afternoon|evening)|saludos`,
    ),
  },
  {
    intent: 'greeting',
    confidence: 0.85,
    atStart: true,
    pattern:
      /\b(?:que\s+tal|que\s+onda|que\s+hubo|quiubo|quihubo|que\s+pedo|que\s+pex|que\s+show)\b(?!\s+(?:el|la|los|las|si|con|de|esta|es|son|tu|su|precio|financiamiento|credito|un|una)\b)/,
  },
];

const sale = (salesAction: CueRule['salesAction'], source: string | RegExp, confidence = 0.9): CueRule => ({
  intent: 'sales',
  salesAction,
  confidence,
  pattern: typeof source === 'string' ? words(source) : source,
});

/** sales: the customer wants to act on a car. */
export const SALES_RULES: readonly CueRule[] = [
  sale(
    'visit',
    String.raw`(?:visitar|ir\s+a|conocer|pasar\s+a)\s+(?:la|las|su|sus|una)\s+(?:sede|sucursal|agencia)(?:s|es)?|ver(?:lo|la|los|las)|ir\s+a\s+ver(?:lo|la)?|pasar\s+a\s+ver(?:lo|la)?|(?:lo|la|los|las)\s+(?:puedo|podemos|podria|quiero|quisiera)\s+(?:ir\s+a\s+)?ver|conocer(?:lo|la)|en\s+persona|agendar|agenda(?:me|lo|la|mos)|agendame|agendalo|agendala|cita|visita(?:r)?|ir\s+a\s+(?:\w+\s+){1,3}?a\s+ver(?:lo|la)?|schedule|appointment|visit|see\s+it|come\s+by`,
  ),
  /** Proposing a day: "puedo el viernes", "paso mañana", "voy el sábado a las 10". */
  sale(
    'visit',
    String.raw`(?:puedo|podria|podemos|voy|vamos|paso|pasamos|llego|me\s+queda\s+bien)\s+(?:ir\s+|pasar\s+)?(?:el|este|esta|manana|hoy|pasado|a\s+las|en\s+la)`,
    0.75,
  ),
  sale(
    'test_drive',
    String.raw`prueba\s+de\s+manejo|probar(?:lo|la)|manejar(?:lo|la)|(?:lo|la)\s+(?:puedo|podemos|podria|quiero|quisiera)\s+(?:probar|manejar)|test\s*drive|dar(?:le)?\s+una\s+vuelta|prueba\s+de\s+camino`,
  ),
  sale(
    'reserve',
    String.raw`apart(?:ar|arlo|arla|alo|ala|an|as|en|anlo|enlo|ado|ada|amelo|amela|o)|reserv(?:ar|arlo|arla|alo|ala|an|en|anlo|enlo|ado|amelo|o)|separo|separ(?:arlo|arla|alo|ala|anlo|enlo|amelo)|hold\s+it|reserve\s+it`,
  ),
  sale(
    'buy',
    /\b(?:(?:lo|la)\s+compro|me\s+(?:lo|la)\s+llevo|(?:lo|la)\s+quiero\b(?!\s+(?:en|con|de|a|color|pero|mas|menos|que|para|automatic|estandar|manual|ver|apartar|probar))|quiero\s+comprar(?:lo|la)|comprar(?:lo|la)|(?:lo|la)\s+voy\s+a\s+comprar|cerrar\s+(?:el\s+)?trato|como\s+(?:lo|la)\s+compro|quiero\s+comprar\s+(?:el|la|ese|esa|este|esta)\b|i\s+ll\s+take\s+it|buy\s+(?:it|this\s+one|that\s+one|the\s+(?:first|second|third|last)))/,
  ),
  sale('buy', String.raw`quiero\s+(?:ese|esa|este|esta)`, 0.75),
  sale(
    'human',
    String.raw`asesor(?:a|es)?|agente|ejecutiv[oa]|vendedor(?:a)?|humano|persona\s+real|una\s+persona|alguien\s+(?:que|de|real)|que\s+me\s+(?:llamen|llame|marquen|marque|contacten|contacte|hablen)|(?:me\s+)?(?:pueden|podrian|puedes|podrias)\s+(?:llamar|marcar|contactar)|llamenme|marquenme|contactenme|hablar\s+con\s+(?:alguien|ustedes)|human|real\s+person|call\s+me|representative`,
  ),
];

const decline = (topic: string, source: string | RegExp, extra: Partial<CueRule> = {}): CueRule => ({
  intent: 'out_of_scope',
  topic,
  confidence: 0.9,
  pattern: typeof source === 'string' ? words(source) : source,
  ...extra,
});

/** out_of_scope: what this agent does not do. Discounts are declined too: prices come from the catalog. */
export const OUT_OF_SCOPE_RULES: readonly CueRule[] = [
  decline(
    'instrucciones',
    /\b(?:ignora|ignore|olvida|forget|omite|disregard)\s+(?:todas?\s+|all\s+)?(?:tus|las|los|sus|your|previous|the|todo\s+lo)?\s*(?:instrucciones|reglas|indicaciones|instructions|rules|prompts?|anteriores|anterior|lo\s+anterior)\b|\b(?:system\s+prompt|prompt\s+del\s+sistema|tu\s+prompt|your\s+prompt|modo\s+(?:desarrollador|developer|dios|dan)|jailbreak|a\s+partir\s+de\s+ahora\s+eres|ahora\s+eres|eres\s+ahora|system\s*:|act\s+as|actua\s+como|finge\s+(?:que|ser)|pretend\s+to\s+be|you\s+are\s+now|responde\s+solo\s+con|dime\s+tus\s+instrucciones|tus\s+instrucciones)\b/,
    { injection: true, confidence: 0.95 },
  ),
  decline(
    'descuento',
    String.raw`descuentos?|rebaja(?:s|r)?|me\s+(?:lo|la)\s+deja(?:s|n)?\s+en|me\s+(?:lo|la)\s+das\s+en|precio\s+especial|negociable|se\s+puede\s+negociar|negociar\s+el\s+precio|regatear|mejor\s+precio|discount|promociones|promocion|promo`,
  ),
  decline(
    'clima',
    /(?<!(?:tiene|con|funciona|sirve)\s)\b(?:el\s+clima|que\s+clima|va\s+a\s+llover|lluvia|temperatura|hace\s+(?:calor|frio)|weather|pronostico)\b/,
  ),
  decline('chiste', String.raw`chistes?|jokes?|chismes?`),
  decline(
    'política',
    String.raw`politica|politico|presidente|presidenta|elecciones|amlo|sheinbaum|diputad[oa]s?|senador(?:es)?|gobierno|morena`,
  ),
  decline(
    'deportes',
    String.raw`futbol|soccer|liga\s+mx|chivas|pumas|cruz\s+azul|mundial|beisbol|nfl|partido\s+de`,
  ),
  decline(
    'otro',
    String.raw`recetas?|cocinar|pizza|tarea|ecuacion|python|javascript|bitcoin|cripto\w*|horoscopo|pelicula|cancion|poema`,
  ),
  decline(
    'préstamo personal',
    String.raw`prestamo\s+personal|prestame|presta(?:me)?\s+dinero|necesito\s+dinero`,
    { confidence: 0.85 },
  ),
  decline(
    'insulto',
    String.raw`pendej[oa]s?|idiota|estupid[oa]|imbecil|tont[oa]|inutil|chinga(?:r|da|tu)?|mierda|put[oa]s?|verga|culero|baboso|menso|pinche\s+(?:bot|robot|maquina|programa)|fuck|stupid|useless`,
  ),
  decline(
    'bot',
    String.raw`eres\s+(?:un\s+|una\s+)?(?:bot|robot|humano|persona|ia|maquina|real)|are\s+you\s+(?:a\s+)?(?:bot|human|robot|real)|hablo\s+con\s+(?:un\s+)?(?:bot|robot|maquina)`,
    {
      confidence: 0.85,
    },
  ),
  decline('agradecimiento', String.raw`gracias|thanks|thank\s+you|te\s+agradezco`, {
    courtesy: true,
    confidence: 0.6,
  }),
  decline('despedida', String.raw`adios|bye|hasta\s+luego|nos\s+vemos|hasta\s+pronto|chao|bye\s+bye`, {
    courtesy: true,
    confidence: 0.6,
  }),
];
