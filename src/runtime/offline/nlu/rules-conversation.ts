import type { DraftIntent } from './drafts.js';
import type { CueRule } from './cue-rule.js';
import type { SocialKind } from '../../../core/intents/schema.js';
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
    String.raw`(?<!\b(?:sin|no)(?:\s+\w+){0,3}\s)(?:visitar|ir\s+a|conocer|pasar\s+a)\s+(?:la|las|su|sus|una)\s+(?:sede|sucursal|agencia)(?:s|es)?|ver(?:lo|la|los|las)|ir\s+a\s+ver(?:lo|la)?|pasar\s+a\s+ver(?:lo|la)?|(?:lo|la|los|las)\s+(?:puedo|podemos|podria|quiero|quisiera)\s+(?:ir\s+a\s+)?(?:ver|checar|revisar)|conocer(?:lo|la)|en\s+persona|agendar|agenda(?:me|lo|la|mos)|agendame|agendalo|agendala|cita|visita(?:r)?|video\s*-?\s*llamada|video\s*call|ir\s+a\s+(?:\w+\s+){1,3}?a\s+ver(?:lo|la)?|schedule|appointment|visit|see\s+it|come\s+by|(?:quiero|quisiera|queria|me\s+gustaria|pienso|planeo|vamos\s+a|voy\s+a)\s+(?:ir|pasar|caer|darme\s+una\s+vuelta)(?:\s+(?:el|este|esta|hoy|manana|a\s+la|a\s+las|al|en\s+la)\b|\s*[?!.,]|\s*$)|(?:go|come)\s+(?:and\s+)?(?:see|check)|check\s+(?:it|them|(?:the\s+)?\w+(?:\s+one)?)\s+out|take\s+a\s+look`,
  ),
  /** "Quiero ver el Jetta", "¿puedo ver la CX-5?": one car, definite, to see in person (a list is "ver opciones"). */
  {
    ...sale(
      'visit',
      String.raw`(?:quiero|quisiera|queria|me\s+gustaria|puedo|podria|podemos|se\s+puede)\s+(?:ir\s+a\s+|pasar\s+a\s+)?ver\s+(?:el|la|ese|esa|este|esta)`,
      0.85,
    ),
    needsCarObject: true,
  },
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
    // "¿Me apartas cita?" books a visit: what is kept is a date, not the car.
    String.raw`(?:apart(?:ar|arlo|arla|alo|ala|an|as|en|anlo|enlo|ado|ada|amelo|amela|o)|reserv(?:ar|arlo|arla|alo|ala|an|en|anlo|enlo|ado|amelo|o)|separo|separ(?:arlo|arla|alo|ala|anlo|enlo|amelo)|hold\s+it|reserve\s+it)(?!\s+(?:me\s+)?(?:una\s+|la\s+|mi\s+|un\s+)?(?:cita|visita|lugar|horario|fecha|espacio|turno|prueba))`,
  ),
  sale(
    'buy',
    /\b(?:(?:lo|la)\s+compro|me\s+(?:lo|la)\s+llevo|(?:lo|la)\s+quiero\b(?!\s+(?:en|con|de|a|color|pero|mas|menos|que|para|automatic|estandar|manual|ver|ir|pasar|checar|conocer|revisar|manejar|apartar|probar))|quiero\s+comprar(?:lo|la)|comprar(?:lo|la)|(?:lo|la)\s+voy\s+a\s+comprar|cerrar\s+(?:el\s+)?trato|como\s+(?:lo|la)\s+compro|quiero\s+comprar\s+(?:el|la|ese|esa|este|esta)\b|i\s+ll\s+take\s+it|(?<!\b(?:after|before|if|when|once|until)\s+(?:i|we)\s+)buy\s+(?:it|this\s+one|that\s+one|the\s+(?:first|second|third|last)))/,
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
    'clima',
    /(?<!(?:tiene|con|funciona|sirve)\s)\b(?:el\s+clima|que\s+clima|va\s+a\s+llover|lluvia|temperatura|hace\s+(?:calor|frio)|weather|pronostico)\b/,
  ),
  // Against the law (a car that is not theirs, a lower invoice to pay less tax, a rolled-back
  // odometer): declined alone, whatever else the message asks.
  decline(
    'ilegal',
    String.raw`(?:carro|auto|coche|camioneta|troca|moto|vehiculo)\s+(?:que\s+|q\s+)?no\s+es\s+mi[oa]|(?:carro|auto|coche)s?\s+robad[oa]s?|factura\s+(?:mas\s+)?(?:baja|menor|chica|por\s+menos)|facturar(?:lo|la)?\s+(?:por\s+)?(?:menos|abajo)|(?:pagar|evadir|evitar|no\s+pagar|ahorrarme)\s+(?:menos\s+|los\s+)?impuestos|factura\s+falsa|papeles\s+falsos|alterar\s+(?:la\s+)?factura|clonar\s+(?:las\s+)?placas|placas\s+(?:falsas|clonadas)|(?:bajar|regresar|alterar|mover|modificar)(?:le)?\s+(?:el\s+)?(?:kilometraje|odometro)|(?:bajan|bajen|bajas|bajarian|regresan|regresen|alteran|alteren|mueven|muevan|modifican|modifiquen)\s+(?:el\s+)?(?:kilometraje|odometro)|(?:baj|regres|alter|mov|muev|modific|modifiqu|maquill|trampe)[a-z]*\s+(?:el|los|su)\s+(?:kilometraje|odometro|kms?|kilometros)\b|lavar\s+dinero|(?:car|vehicle)\s+(?:that\s+)?(?:is\s+not|isnt)\s+mine|stolen\s+car|(?:falsificar|falsear|inventar(?:me)?|hacer(?:me)?|armar(?:me)?|conseguir(?:me)?|sacar(?:me)?)\s+(?:\w+\s+){0,4}?(?:falso|falsa|falsos|falsas|chueco|chueca|apocrif[oa]s?)\b|(?:comprobantes?|constancias?|recibos?|estados?\s+de\s+cuenta|documentos?|identificacion|ine|nominas?)\s+(?:\w+\s+){0,2}?(?:falso|falsa|falsos|falsas|apocrif[oa]s?|alterad[oa]s?|chuec[oa]s?)\b|(?:carros?|autos?|coches?|camionetas?|trocas?|naves?)\s+(?:\w+\s+)?chocolates?|(?:tienen|tienes|venden|vendes|hay|busco|quiero|consigues|consiguen|manejan)\s+(?:\w+\s+)?(?:carros?|autos?|coches?|camionetas?|trocas?|naves?|motos?)\s+(?:\w+\s+)?sin\s+papeles|(?:pago|pagar(?:lo|la)?|pagaria|venden|vendes|vender(?:melo|mela)?|compro|comprar(?:lo|la)?|dar(?:melo|mela))\s+(?:\w+\s+){0,3}?sin\s+factura|emplac(?:ar|arlo|arla|ado|ada)\s+(?:por\s+fuera|chueco|por\s+debajo)|(?:cambiar(?:le)?|alterar(?:le)?|borrar(?:le)?|limar(?:le)?|regrabar(?:le)?|quitar(?:le)?)\s+(?:el\s+)?(?:numero\s+de\s+serie|niv|vin|numero\s+de\s+motor)|(?:change|alter|remove|erase)\s+(?:the\s+|its\s+)?(?:vin|serial\s+number)|(?:ine|identificacion|credencial|pasaporte|papeles|documentos|datos)\s+(?:\w+\s+){0,2}?(?:que\s+|q\s+)?no\s+(?:es|son)\s+(?:mi[oa]s?|de\s+mi)|(?:a\s+nombre|con\s+(?:la\s+)?(?:ine|identificacion|credencial|datos))\s+de\s+(?:otra\s+persona|otro|alguien\s+mas|un\s+compa|mi\s+compa)|(?:someone\s+else\s*s|another\s+person\s*s|a\s+friend\s*s)\s+(?:id|identity|name|documents)|(?:lower|fake)\s+invoice|(?:fake|forged?|falsif(?:y|ied)|doctored)\s+(?:\w+\s+){0,2}?(?:documents?|proof|pay\s*stubs?|payslips?|statements?|ids?|income|papers)\b|(?:avoid|evade|dodge)\s+(?:paying\s+)?taxes|roll\s+back\s+the\s+(?:odometer|mileage)`,
    { injection: true, confidence: 0.95 },
  ),
  decline('chiste', String.raw`chistes?|jokes?|chismes?`),
  decline(
    'política',
    String.raw`politica|politico|presidente|presidenta|elecciones|amlo|sheinbaum|diputad[oa]s?|senador(?:es)?|gobierno|morena`,
  ),
  decline(
    'deportes',
    String.raw`futbol|soccer|liga\s+mx|chivas|pumas|cruz\s+azul|mundial|beisbol|nfl|partido\s+de|(?:el|al|del)\s+america(?!\s+latina)|marcador|(?:como|cuanto)\s+(?:quedo|quedaron|termino)\s+(?:el|la|los)\s+\w+(?:\s+\w+)?\s+(?:ayer|anoche|hoy|el\s+(?:sabado|domingo|fin))|(?:gano|perdio|empato|jugo)\s+(?:el|la)\s+(?:america|seleccion|tri)`,
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
    String.raw`eres\s+(?:un\s+|una\s+)?(?:bot|robot|humano|persona|ia|maquina|real)|are\s+you\s+(?:a\s+)?(?:bot|human|robot|real)|hablo\s+con\s+(?:un\s+|una\s+)?(?:bot|robot|maquina|persona|humano)`,
    {
      confidence: 0.85,
    },
  ),
];

const social = (kind: SocialKind, source: string | RegExp, extra: Partial<CueRule> = {}): CueRule => ({
  intent: 'social',
  topic: kind,
  confidence: 0.85,
  pattern: typeof source === 'string' ? words(source) : source,
  ...extra,
});

/** Said at the end of a clause ("ok", "va!", "sale, gracias"): a reply to us, not a verb ("va a llover"). */
const CLAUSE_END = String.raw`(?=\s*(?:[,.!?;]|$|y\s|gracias|bye|adios))`;

/**
 * social: the customer reacts rather than asks. Courtesies (thanks, bye, "ok", praise) count only
 * when nothing else is asked; a complaint or frustration is answered even next to a question.
 */
export const SOCIAL_RULES: readonly CueRule[] = [
  social(
    'thanks',
    String.raw`(?:mil|muchas|muchisimas)?\s*gra(?:c|s|z)i(?:a|e)s?|grax|thanks|thx|thank\s+you|te\s+agradezco|se\s+agradece|muy\s+agradecid[oa]`,
    {
      courtesy: true,
      confidence: 0.8,
    },
  ),
  social(
    'goodbye',
    String.raw`adios|bye|bai|hasta\s+(?:luego|pronto|manana|la\s+proxima)|nos\s+vemos|chao|chau|cuidate|(?:es|seria|eso\s+es)\s+todo(?:\s+por\s+(?:hoy|ahora))?|ya\s+no\s+me\s+interesa|ya\s+no\s+(?:lo|la)\s+(?:quiero|necesito|ocupo)|lo\s+(?:pienso|pensare|voy\s+a\s+pensar|checo|platico)|despues\s+(?:te|les)\s+escribo|luego\s+(?:te|les)\s+escribo`,
    { courtesy: true, confidence: 0.8 },
  ),
  social(
    'acknowledgement',
    new RegExp(
      String.raw`^\s*(?:(?:ah|oh|ahh|mmm?)\s+)?(?:ok|oka|oki|okey|okay|okis|va|vale|sale|perfecto|perfect|entendido|enterado|de\s+acuerdo|listo|ntp|no\s+te\s+preocupes|(?:esta|ta|sta)\s+bien|ya\s+vi|ya\s+entendi|excelente|super|orale|andale|simon|claro|dale)\b${CLAUSE_END}`,
    ),
    { courtesy: true, confidence: 0.75 },
  ),
  social(
    'compliment',
    String.raw`(?:muy|super|que|excelente|buen|buena|gran)\s+(?:buen[oa]?\s+)?(?:servicio|atencion)|muy\s+amable|que\s+amable|(?:eres|son)\s+(?:un[oa]?\s+)?(?:crack|genio|lo\s+maximo|muy\s+amables?|increibles?)|me\s+(?:sirvio|ayudo)\s+(?:mucho|un\s+buen)|muy\s+(?:util|claro)|(?:me\s+)?(?:encanto|encanta)\s+(?:el|la|tu|su)\s+(?:servicio|atencion)|10\s+de\s+10|(?:me|nos)\s+(?:atendieron|trataron|ayudaron|atendio|trato|ayudo|atendiste|trataste|ayudaste)\s+(?:super|muy|bien|re|de\s+lujo|increible|excelente|padrisimo)\b|(?:muy|super|bien|bastante)\s+(?:buena\s+onda|atent[oa]s?|amables)|(?:eres|son)\s+(?:muy\s+|bien\s+|super\s+)?(?:buena\s+onda|lind[oa]s?|atent[oa]s?)|(?:que|q)\s+buena\s+onda\s+(?:eres|son)`,
    { courtesy: true },
  ),
  social(
    'complaint',
    String.raw`(?:que\s+)?(?:mal|malo|pesim[oa]|malisim[oa]|horrible|terrible|fatal|peor)\s+(?:servicio|atencion|trato|experiencia)|(?:servicio|atencion)\s+(?:tan\s+|muy\s+|bien\s+)?(?:mal[oa]?|pesim[oa]|horrible|terrible|de\s+lo\s+peor)|queja|quejarme|llevo\s+(?:\w+\s+){0,2}(?:dias|horas|semanas|meses|rato)\s+(?:esperando|sin|preguntando|escribiendo|tratando|intentando)|(?:ya\s+)?van\s+(?:\w+\s+)?(?:dias|semanas|veces)\s+(?:que|sin)|nadie\s+me\s+(?:(?:ha|a)\s+)?(?:contesta|contestado|responde|respondido|atiende|atendido|llama|llamado|dice|regresa)|no\s+me\s+(?:han|ha|an|a)\s+(?:contestado|respondido|llamado|atendido|regresado|devuelto|entregado|resuelto|dicho)|nunca\s+me\s+(?:llamaron|contestaron|respondieron|atendieron|regresaron)|me\s+(?:estafaron|robaron|enganaron|mintieron|dejaron\s+plantad[oa])|fraude|estafa|decepcion(?:ad[oa])?|muy\s+mal\s+(?:ustedes|kavak)|(?:^|[.!,;]\s*)(?:que|q)\s+(?:mal|feo|gacho|pesimo|mala\s+onda)(?=\s*(?:[.!,;]|$|nadie|ustedes|eh|eso|no\s))|nadie\s+me\s+(?:dijo|aviso|explico|informo|comento|lo\s+dijo)|(?:ya\s+)?(?:le\s+|se\s+le\s+)?(?:truena|tronando|falla|fallando)\s+(?:algo\s+)?(?:del|en\s+el|el|la)\s+(?:motor|transmision|caja|clutch|embrague|frenos?|suspension)|ya\s+no\s+(?:me\s+)?(?:prende|arranca|enciende)|(?:ya\s+)?se\s+(?:me\s+)?(?:descompuso|desvielo)`,
    { confidence: 0.9 },
  ),
  social(
    'frustration',
    String.raw`no\s+(?:me\s+)?(?:entiendes|entiendas|estas\s+entendiendo|captas|sirves|ayudas\s+en\s+nada)|no\s+me\s+(?:contestas|respondes|contestan|responden)\s+(?:bien|nada|lo\s+que)|no\s+entiendes\s+nada|ya\s+te\s+(?:dije|lo\s+dije)|te\s+lo\s+acabo\s+de\s+decir|otra\s+vez\s+lo\s+mismo|(?:que|me)\s+desespera(?:s|nte)?|desesperad[oa]|(?:ya\s+)?(?:me\s+)?harte|hart[oa]|que\s+coraje|que\s+flojera\s+de|no\s+puede\s+ser`,
    { confidence: 0.85 },
  ),
];

/** A figure as customers write one: "300", "$300,000", "300k", "300 mil", "1.2 millones". */
const AMOUNT = String.raw`\$?\d+(?:[.,]\d+)*(?:\s*(?:k|mil|millones|millon|mdp))?`;

const haggle = (source: string | RegExp, confidence = 0.9, topic?: string): CueRule => ({
  intent: 'haggle',
  confidence,
  pattern: typeof source === 'string' ? words(source) : source,
  ...(topic ? { topic } : {}),
});

/**
 * Round 3, item 1: "está caro" only objects to the price; it is a haggle (the fixed-price answer)
 * when nothing else is asked, never one that swallows a request in the same message.
 */
export const PRICE_OBJECTION = 'objeción de precio';

/** The haggle draft holds nothing but a price objection (no offer, no discount asked). */
export function onlyPriceObjection(haggle: DraftIntent | undefined): boolean {
  return haggle !== undefined && haggle.topics.every((t) => t === PRICE_OBJECTION);
}

/**
 * haggle: the customer asks to lower the price or proposes one. A counter-offer's shape is a verb
 * of giving/leaving with the car as object and "en"/"por" a figure ("me lo dejas en 300").
 */
export const HAGGLE_RULES: readonly CueRule[] = [
  haggle(
    String.raw`(?:me|nos)\s+(?:(?:lo|la|los|las)\s+)?(?:deja|dejas|dejan|dejarias|dejaria|das|dan|darias|daria|vendes|venden|venderias|pones|ponen)\s+(?:(?:el|la|ese|esa|este|esta)\s+(?:\w+\s+){0,3})?(?:en|por|x)\s+${AMOUNT}|(?:en|por)\s+cu[a-z]*\s+me\s+(?:lo|la)\s+(?:dejas|dejan|das|dan)|(?:te|les)\s+(?:doy|ofrezco|pago)\s+${AMOUNT}|(?:acepta|aceptan|aceptas|aceptarian)\s+${AMOUNT}|(?:would|will|could|can)\s+(?:you|u|ya)\s+(?:take|accept|do|let\s+it\s+go\s+for)\s+${AMOUNT}|(?:i\s+(?:can|could)\s+)?(?:offer|pay)\s+(?:you\s+)?${AMOUNT}\s+(?:for\s+it|cash)|${AMOUNT}\s+y\s+(?:cerramos|hacemos)\s+(?:el\s+)?trato|${AMOUNT}\s+y\s+(?:me\s+)?(?:lo|la)\s+(?:llevo|compro)|(?:en|por)\s+${AMOUNT}\s+(?:y\s+)?(?:trato\s+hecho|cerramos)`,
    0.9,
    'oferta',
  ),
  haggle(
    String.raw`descuent(?:o|os|ito|itos|azo)|rebaj(?:a|as|ar|arlo|arla|an|ita)|rebajas|rebajas|bajale|bajenle|bajarle|le\s+bajas|le\s+bajan|(?:lo|la)\s+(?:bajas|bajan|rebajas)|precio\s+especial|negociable|se\s+puede\s+negociar|negocia(?:r|mos|ble)|regate(?:ar|o)|mejor\s+precio|ultimo\s+precio|lo\s+menos|discount|promociones|promocion|promo|me\s+haces\s+(?:un\s+)?(?:paro|precio)|best\s+price|lower\s+(?:the\s+)?price|knock\s+(?:it\s+)?(?:down|off)|(?:price\s+)?negotiable|any\s+wiggle\s+room|(?:any\s+)?room\s+(?:on|in|for)\s+(?:the\s+)?price|(?:we\s+)?(?:have|got)\s+(?:a|ourselves\s+a)\s+deal|make\s+(?:me\s+)?a\s+deal|(?:lo|la)?\s*igual(?:an|as|en)\s+(?:el\s+)?precio|me\s+(?:lo|la)?\s*igualan|respeta(?:s|n)?\s+(?:ese|el)\s+precio`,
    0.9,
    'descuento',
  ),
  haggle(
    String.raw`(?:esta|ta|sta|es|son|estan|se\s+me\s+hace|lo\s+veo|muy)\s+(?:muy\s+|bien\s+|super\s+|demasiado\s+|algo\s+)?(?:car[oa]s?|carisim[oa]s?)|que\s+car[oa]s?|uf+\s+car[oa]`,
    0.9,
    PRICE_OBJECTION,
  ),
];
