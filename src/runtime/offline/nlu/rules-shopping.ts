import type { CueRule } from './cue-rule.js';
import { words } from './cue-rule.js';

const CAR_NOUN = String.raw`carros?|autos?|coches?|naves?|camionetas?|camionetitas?|trocas?|vehiculos?|sedan(?:es)?|suvs?|pick\s*ups?|vochos?|carritos?|ranflas?|unidad(?:es)?|seminuevos?|cars?|trucks?|vehicles?`;

/** car_recommendation: looking for or asking about cars. */
export const CAR_RULES: readonly CueRule[] = [
  {
    intent: 'car_recommendation',
    confidence: 0.95,
    pattern: words(
      String.raw`comprar\s+(?:otro|otra)|comprar\s+(?:un|una)\s+(?:${CAR_NOUN})|(?:busco|buscando|buscaba|quiero|queria|quisiera|necesito|ocupo|me\s+interesa|me\s+gustaria|ando\s+viendo|estoy\s+viendo|looking\s+for|i\s+want|i\s+need)\s+(?:comprar\s+|cambiar\s+de\s+|estrenar\s+)?(?:un|una|algun|alguna|mi\s+primer|otro|otra|a|an|another)?\s*(?:${CAR_NOUN})`,
    ),
  },
  {
    intent: 'car_recommendation',
    confidence: 0.9,
    pattern: words(
      String.raw`recomiend(?:a|as|ame|amen|en|enme|es)|recomendacion(?:es)?|sugier(?:e|es|eme|anme)|sugerencias?|que\s+me\s+(?:conviene|recomiendas|sugieres)|cual\s+me\s+(?:conviene|recomiendas)|recommend|suggest`,
    ),
  },
  {
    intent: 'car_recommendation',
    confidence: 0.9,
    pattern:
      /\b(?:otras|mas|ver|que|tus|sus|algunas|other|more|your)\s+(?:opciones|options)\b(?!\s+de\s+(?:financiamiento|credito|pago|plazo|enganche))/,
  },
  {
    intent: 'car_recommendation',
    confidence: 0.9,
    pattern: words(
      String.raw`catalogo|inventario|que\s+(?:carros?|autos?|coches?|modelos?|camionetas?|vehiculos?|marcas?|unidades|trocas?)|what\s+cars|which\s+cars`,
    ),
  },
  {
    intent: 'car_recommendation',
    confidence: 0.85,
    pattern:
      /^(?:(?:y|a\s+ver|oye|entonces|bueno|ok|pues)\s+)*que\s+(?:tienes|tienen|hay|ofreces|ofrecen|manejan|venden)\s*(?:disponibles?)?\s*\??$/,
  },
  {
    intent: 'car_recommendation',
    confidence: 0.9,
    pattern: words(
      String.raw`mas\s+(?:barat[oa]s?|economic[oa]s?|accesibles?|baratit[oa]s?)|menos\s+car[oa]s?|de\s+menor\s+precio|precio\s+mas\s+bajo|cheaper|less\s+expensive`,
    ),
  },
  {
    intent: 'car_recommendation',
    confidence: 0.85,
    pattern: words(
      String.raw`(?:muestrame|ensename|mandame|pasame|enviame|show\s+me)\s+(?:otros|otras|mas|opciones|fotos?|algo|alguno|los|las|el|la|cars)`,
    ),
  },
  {
    intent: 'car_recommendation',
    confidence: 0.85,
    pattern:
      /\b(?:algo|alguno|alguna|otro|otra|uno|una)\s+(?:mas\s+)?(?:barat|economic|accesible|nuevo|reciente|grande|chico|familiar|deportiv|seguro|confiable|bonit|buen|rendidor|ahorrador)/,
  },
  { intent: 'car_recommendation', confidence: 0.8, pattern: words(String.raw`presupuesto|budget`) },
  {
    intent: 'car_recommendation',
    confidence: 0.8,
    pattern: words(
      String.raw`(?:algo|alguno|alguna)\s+(?:para\s+(?:mi|la|el|uber|trabajar|la\s+chamba)|que\s+(?:sea|tenga|este|no\s+gaste))`,
    ),
  },
  {
    intent: 'car_recommendation',
    confidence: 0.85,
    needsCarObject: true,
    pattern: words(
      String.raw`busco|buscando|buscaba|quiero|queria|quisiera|necesito|ocupo|me\s+interesan?|me\s+gustan?|me\s+gustaria|me\s+late|interesad[oa]s?\s+en|looking\s+for|i\s+want|i\s+need|interested\s+in`,
    ),
  },
  {
    intent: 'car_recommendation',
    confidence: 0.85,
    needsCarObject: true,
    pattern: words(
      String.raw`tienes|tienen|tendras|tendran|hay|manejan|manejas|venden|vendes|cuentan\s+con|do\s+you\s+have|have\s+you\s+got`,
    ),
  },
  {
    intent: 'car_recommendation',
    confidence: 0.85,
    needsCarObject: true,
    fallbackConfidence: 0.6,
    pattern: words(
      String.raw`cuanto\s+(?:cuesta|cuestan|sale|salen|vale|valen|esta|estan|es)|en\s+cuanto\s+(?:esta|sale|lo\s+dan)|precios?|how\s+much|price|cost`,
    ),
  },
  {
    intent: 'car_recommendation',
    confidence: 0.8,
    needsCarObject: true,
    fallbackConfidence: 0.6,
    pattern: words(
      String.raw`que\s+tal\s+(?:es\s+)?(?:el|la)|como\s+(?:es|esta|son)\s+(?:el|la|los)|cual\s+es\s+mejor|que\s+opinas\s+del?|info(?:rmacion)?\s+(?:del?|de\s+la|sobre)|informes\s+(?:del?|de\s+la|sobre)|detalles\s+(?:del|de\s+la)|caracteristicas\s+(?:del|de\s+la)|ficha\s+tecnica|disponibles?|available|fotos?|cual\s+de\s+(?:los|las)\s+(?:dos|tres)|cuantos\s+(?:km|kilometros)|kilometraje|que\s+version|que\s+motor|rendimiento`,
    ),
  },
];

/** financing: credit, monthly payments, down payment, term. */
export const FINANCING_RULES: readonly CueRule[] = [
  {
    intent: 'financing',
    confidence: 0.9,
    pattern:
      /\b(?<!tarjeta\s+de\s+)(?:credito|creditos|financiamiento|financiamientos|financiar(?:lo|la)?|financiad[oa]|financiera|financing|finance|loan)\b/,
  },
  {
    intent: 'financing',
    confidence: 0.9,
    pattern: words(
      String.raw`mensualidad(?:es)?|mensual(?:es)?|mensualmente|al\s+mes|por\s+mes|cada\s+mes|a\s+meses|monthly|per\s+month|a\s+month`,
    ),
  },
  {
    intent: 'financing',
    confidence: 0.9,
    pattern: words(String.raw`enganche|enganchar|pago\s+inicial|down\s+payment|de\s+entrada`),
  },
  {
    intent: 'financing',
    confidence: 0.85,
    pattern: words(
      String.raw`plazos?|a\s+\d+\s+anos|a\s+cuantos\s+(?:meses|anos)|cuantos\s+(?:meses|anos)\s+(?:de\s+plazo|para\s+pagar)|term`,
    ),
  },
  {
    intent: 'financing',
    confidence: 0.9,
    pattern: words(
      String.raw`cuanto\s+(?:pagaria|quedaria|saldria|seria\s+(?:al\s+mes|mensual)|tendria\s+que\s+pagar|pago\s+al\s+mes|serian\s+los\s+pagos|quedan\s+los\s+pagos)`,
    ),
  },
  {
    intent: 'financing',
    confidence: 0.85,
    pattern: words(
      String.raw`calcul(?:ar|arlo|arla|ame|amelo|a|en|enme)|cotiz(?:ar|arlo|arla|ame|amelo|a)(?!\s+mi\b)|simul(?:ar|a|ame)`,
    ),
  },
  {
    intent: 'financing',
    confidence: 0.85,
    pattern: words(
      String.raw`en\s+pagos|a\s+pagos|pagos\s+chiquitos|pagar(?:lo|la)\s+en|pagos\s+fijos|abonos|a\s+plazos|en\s+parcialidades`,
    ),
  },
];
