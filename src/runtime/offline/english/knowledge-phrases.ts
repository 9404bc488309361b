/**
 * The sentences the knowledge agent wraps around the knowledge base's sections (branches, hours,
 * delivery, returns, what is not published). The sections themselves come in English from
 * data/knowledge/en; these are the agent's own words around them.
 */
import type { Entry } from './entry.js';

/** The topics' names as "Sobre CAT y comisiones: No tengo ese dato…" lists them. */
const TOPIC_NAMES: readonly [spanish: string, english: string][] = [
  ['aprobación del crédito', 'loan approval'],
  ['buró de crédito', 'the credit bureau'],
  ['comisiones', 'fees'],
  ['meses sin intereses', 'interest-free months'],
  ['tasa de interés', 'the interest rate'],
  ['formas de pago', 'payment methods'],
  ['seguro', 'insurance'],
  ['trámites', 'paperwork'],
  ['apartado', 'reserving a car'],
  ['documentos', 'documents'],
  ['mantenimiento', 'maintenance'],
  ['garantía', 'the warranty'],
  ['inspección', 'the inspection'],
  ['devolución', 'returns'],
  ['horario', 'opening hours'],
  ['sedes', 'branches'],
  ['entrega a domicilio', 'home delivery'],
  ['vender mi auto', 'selling your car'],
  ['auto a cuenta', 'trade-ins'],
  ['cómo comprar', 'how to buy'],
  ['cómo funciona', 'how it works'],
  ['qué es Kavak', 'Kavak'],
];
const IN_UNKNOWN_LIST = String.raw`(?<=^Sobre [^:\n]*)`;
const UNKNOWN_TOPIC_NAMES: readonly Entry[] = [
  ...TOPIC_NAMES.map(([spanish, english]): Entry => [
    new RegExp(`${IN_UNKNOWN_LIST}${spanish}(?= y |:)`, 'gm'),
    english,
  ]),
  [new RegExp(`${IN_UNKNOWN_LIST} y (?=[^:\n]*: No tengo ese dato)`, 'gm'), ' and '],
];

export const KNOWLEDGE_PHRASES: readonly Entry[] = [
  [/Ciudad de México y Estado de México/g, 'Mexico City and the State of Mexico'],
  [/(\d{1,2}:\d{2}) a (\d{1,2}:\d{2}), todos los días/g, '$1 to $2, every day'],
  // Branches
  [/En ([^.\n:]+?) tenemos una sede:/g, 'In $1 we have one branch:'],
  [/En ([^.\n:]+?) tenemos (\d+) sedes:/g, 'In $1 we have $2 branches:'],
  [/¿Te gustaría agendar una visita\?/g, 'Would you like to book a visit?'],
  [
    /No tengo a la mano las direcciones; si las necesitas, te comunico con un asesor\./g,
    'I do not have the addresses at hand; if you need them, I can put you in touch with an advisor.',
  ],
  [
    /En ([^.\n]+?) no tenemos sede por ahora, pero puedes comprar 100% en línea: videollamada con un asesor y entrega o prueba de manejo en tu domicilio\./g,
    'We have no branch in $1 for now, but you can buy 100% online: a video call with an advisor, and delivery or a test drive at your home.',
  ],
  [
    /Si prefieres ir en persona, nuestras sedes están en ([^?\n]+?)\. ¿Te interesa\?/g,
    'If you prefer to go in person, our branches are in $1. Are you interested?',
  ],
  [/Tenemos (\d+) sedes:/g, 'We have $1 branches:'],
  [
    /En otras ciudades puedes comprar en línea con entrega a domicilio\./g,
    'In other cities you can buy online with home delivery.',
  ],
  // Opening hours
  [
    /La dirección de la sede ([^.\n]+?) no la tengo a la mano\. /g,
    'I do not have the address of the $1 branch at hand. ',
  ],
  [/[Ll]a sede ([^()\n.]+?) \(([^)]+)\) abre /g, 'the $1 branch ($2) is open '],
  [/La sede ([^()\n.]+?) abre /g, 'The $1 branch is open '],
  [/¿Te agendo una visita\?/g, 'Shall I book you a visit?'],
  [
    /De las sedes solo tengo publicado este horario: /g,
    'These are the only branch opening hours I have published: ',
  ],
  [
    /¿En qué ciudad estás\? Te digo qué sedes te quedan y te comunico con un asesor para confirmar su horario\./g,
    'Which city are you in? I will tell you which branches are near you and put you in touch with an advisor to confirm their hours.',
  ],
  [/¿En qué ciudad estás\?/g, 'Which city are you in?'],
  [
    /No tengo publicado el horario de la sede ([^.\n]+?)\./g,
    'The opening hours of the $1 branch are not published.',
  ],
  [
    /Si quieres, te comunico con un asesor de Kavak para confirmarlo o agendarte una visita\./g,
    'If you like, I can put you in touch with a Kavak advisor to confirm them or book you a visit.',
  ],
  [
    /En ([^.\n]+?) no tenemos sede, así que no hay horario que darte; puedes comprar en digital, con videollamada con un asesor y entrega en tu domicilio\./g,
    'We have no branch in $1, so there are no opening hours to give you; you can buy online, with a video call with an advisor and delivery to your home.',
  ],
  [
    /No tengo publicado el horario de ([^\n]+?), nuestra sede en ([^;\n]+?);/g,
    'The opening hours of $1, our branch in $2, are not published;',
  ],
  [
    /No tengo publicado el horario de ([^\n]+?), nuestras sedes en ([^;\n]+?);/g,
    'The opening hours of $1, our branches in $2, are not published;',
  ],
  [
    /si quieres, te comunico con un asesor para confirmarlo o agendarte una visita\./g,
    'if you like, I can put you in touch with an advisor to confirm them or book you a visit.',
  ],
  // Delivery
  [/^Sí\. /gm, 'Yes. '],
  [/En ([^,\n]+?), nuestra sede es: /g, 'In $1, our branch is: '],
  [/En ([^,\n]+?), nuestras sedes son: /g, 'In $1, our branches are: '],
  [
    /En ([^.\n]+?) no tenemos sede, pero la compra digital con entrega en tu domicilio sí aplica\./g,
    'We have no branch in $1, but buying online with delivery to your home does apply.',
  ],
  // Returns
  [/\b1 día\b/g, '1 day'],
  [/\b(\d+) días\b/g, '$1 days'],
  [
    /Con ([^\n]+?) ya pasaste el periodo de prueba de ([^,\n]+?), así que la devolución ya no aplica\./g,
    'With $1 you are past the trial period of $2, so a return no longer applies.',
  ],
  [
    /Si quieres, te comunico con un asesor para revisar tu caso\./g,
    'If you like, I can put you in touch with an advisor to review your case.',
  ],
  [
    /Con ([^\n]+?) sigues dentro del periodo de prueba de ([^:\n]+?): si no te convence, lo puedes devolver\./g,
    'With $1 you are still within the trial period of $2: if you are not convinced, you can return it.',
  ],
  [/(\d+ days) o (\d+ km)/g, '$1 or $2'],
  // Not published
  [/Su precio no lo tengo publicado;/g, 'Its price is not published;'],
  [/Cuánto tarda no lo tengo publicado;/g, 'How long it takes is not published;'],
  [
    /Cuánto vale tu auto lo sabemos al cotizarlo; puedes cotizarlo desde la app de Kavak o, si quieres, te comunico con un asesor de Kavak que te ayude con la cotización\./g,
    'What your car is worth we know once we quote it; you can get a quote from the Kavak app or, if you like, I can put you in touch with a Kavak advisor to help with the quote.',
  ],
  [
    /Si tu crédito va a ser aprobado no te lo puedo asegurar;/g,
    'Whether your loan will be approved I cannot promise;',
  ],
  [
    /si quieres, te comunico con un asesor de Kavak que te lo confirma\./g,
    'if you like, I can put you in touch with a Kavak advisor who can confirm it.',
  ],
  ...UNKNOWN_TOPIC_NAMES,
  [/^Sobre (.+?): (?=No tengo ese dato)/gm, 'About $1: '],
];
