/**
 * The cars and sales agents' sentences the shorter entries of the phrasebook do not cover:
 * searches widened, lists already the cheapest, comparisons, the next item a booking needs.
 */
import type { Entry } from './entry.js';

/** What a search widened ("Ajustando la marca y el año…"), one label each. */
const RELAXED: readonly Entry[] = [
  [/\bel kilometraje\b/g, 'the mileage'],
  [/\bel año\b/g, 'the year'],
  [/\bel presupuesto\b/g, 'the budget'],
  [/\bel precio mínimo\b/g, 'the minimum price'],
  [/\bel modelo\b/g, 'the model'],
  [/\bel origen de la marca\b/g, 'the make’s origin'],
  [/\bla marca\b/g, 'the make'],
  [/\bla transmisión\b/g, 'the transmission'],
  [/\bel tipo de auto\b/g, 'the type of car'],
  [/\bel número de pasajeros\b/g, 'the number of seats'],
];

/** The orderings as the cars agent says them (SORT_LABEL), one car and a list. */
const ORDERINGS: readonly [spanish: string, one: string, many: string][] = [
  ['más económico', 'cheapest', 'cheapest'],
  ['de mayor precio', 'most expensive', 'most expensive'],
  ['más reciente', 'newest', 'newest'],
  ['de año más antiguo', 'oldest', 'oldest'],
  ['de menos kilometraje', 'one with the lowest mileage', 'ones with the lowest mileage'],
  ['de más kilometraje', 'one with the highest mileage', 'ones with the highest mileage'],
  ['más grande', 'biggest', 'biggest'],
  ['más compacto', 'most compact', 'most compact'],
];

const ORDERING_PHRASES: readonly Entry[] = ORDERINGS.flatMap(([spanish, one, many]): Entry[] => {
  const plural = spanish.replace(/^más /, 'más ').replace(/(económico|reciente|grande|compacto)$/, '$1s');
  return [
    [
      new RegExp(`^El ${spanish} que tengo con lo que buscas es:`, 'gm'),
      `The ${one} I have with what you are looking for is:`,
    ],
    [
      new RegExp(`^De los que te mostré, el ${spanish} es:`, 'gm'),
      `Of the ones I showed you, the ${one} is:`,
    ],
    [
      new RegExp(`^De los que te mostré, el ${spanish} es el (.+?)\\.$`, 'gm'),
      `Of the ones I showed you, the ${one} is the $1.`,
    ],
    [new RegExp(`te comparto los ${plural}:`, 'g'), `here are the ${many}:`],
    [new RegExp(`^Y el ${spanish} es:`, 'gm'), `And the ${one} is:`],
    [
      new RegExp(`^Para tu espacio de ([\\d,]+ mm) (?:de largo|long), el ${spanish} que cabe es:`, 'gm'),
      `For your space of $1 long, the ${one} that fits is:`,
    ],
    [new RegExp(`^Y también es el ${spanish}\\.`, 'gm'), `It is also the ${one}.`],
  ];
});

/** A comparison's lines: heading, equipment, size, payment and recap. */
const COMPARISON_PHRASES: readonly Entry[] = [
  [
    /^Te los comparo lado a lado \(mensualidad a (\d+) meses con enganche mínimo del 10%\):/gm,
    'Here they are side by side (monthly payment over $1 months with the minimum 10% down payment):',
  ],
  [
    /^Te los comparo lado a lado \(mensualidad a (\d+) meses con enganche (?:de|del) ([^)]+)\):/gm,
    'Here they are side by side (monthly payment over $1 months with a down payment of $2):',
  ],
  [/^- Con enganche de ([^:]+): ([^\n]+) al mes$/gm, '- With a down payment of $1: $2 a month'],
  [
    /^- Mensualidad: no se puede calcular con ese enganche$/gm,
    '- Monthly payment: cannot be worked out with that down payment',
  ],
  [/(?<=^- Equipo: [^\n]*)\btransmisión sin dato\b/gm, 'transmission unknown'],
  [/(?<=^- Equipo: [^\n]*)\b(Bluetooth|CarPlay) sin dato\b/gm, '$1 unknown'],
  [/(?<=^- Equipo: [^\n]*)\bsin (Bluetooth|CarPlay)\b/gm, 'no $1'],
  [/(?<=^- Equipo: [^\n]*)\bautomático\b/gm, 'automatic'],
  [/(?<=^- Equipo: [^\n]*)\bestándar\b/gm, 'manual'],
  [/^- Equipo:/gm, '- Features:'],
  [/(?<=^- Tamaño: [^\n]*)(\d+) pasajeros/gm, '$1 seats'],
  [/(?<=^- Tamaño: [^\n]*)carrocería sin dato/gm, 'body type unknown'],
  [/(?<=^- Tamaño: [^\n]*)largo sin dato/gm, 'length unknown'],
  [/(?<=^- Tamaño: [^\n]*)sedán/gm, 'sedan'],
  [/(?<=^En resumen: [^\n]*)\bes el más barato, por (\$[\d,.]+) de diferencia/gm, 'is the cheapest, by $1'],
  [
    /(?<=^En resumen: [^\n]*)\bes el más barato, por (\$[\d,.]+) menos que el /gm,
    'is the cheapest, $1 less than the ',
  ],
  [/(?<=^En resumen: [^\n]*)\bes el más barato\b/gm, 'is the cheapest'],
  [/(?<=^En resumen: [^\n]*)\bes el más nuevo\b/gm, 'is the newest'],
  [/(?<=^En resumen: [^\n]*)\btiene menos km\b/gm, 'has the lowest mileage'],
  [/(?<=^En resumen: [^\n]*)\bes el más grande\b/gm, 'is the biggest'],
  [/(?<=^En resumen: [^\n]*)(?<=[a-z]) y (?=(?:is|has) )/gm, ' and '],
  [/(?<=^En resumen: [^\n]*)(?<=; |: )el (?=\S)/gm, 'the '],
  [/^En resumen:/gm, 'In short:'],
];

export const SHOPPING_PHRASES: readonly Entry[] = [
  ...ORDERING_PHRASES,
  ...COMPARISON_PHRASES,
  [/ · medidas sin dato/g, ' · measures unknown'],
  [/ m \(largo × ancho × alto\)/g, ' m (length × width × height)'],
  [/^Para comparar:$/gm, 'To compare:'],
  [
    /^De los que te mostré, ninguno tiene eso confirmado\./gm,
    'None of the ones I showed you has that confirmed.',
  ],
  [
    /No encontré autos con todo lo que pides\. Ajustando ([^\n]+?), lo más cercano es:/g,
    'I found no cars with everything you ask for. Widening $1, the closest are:',
  ],
  [
    /No tengo opciones más baratas con esas características\. Ajustando ([^\n]+?), lo más cercano es:/g,
    'I have no cheaper options with those features. Widening $1, the closest are:',
  ],
  ...RELAXED.map(([spanish, english]): Entry => [
    new RegExp(String.raw`(?<=Widening [^\n]*)${spanish.source}`, 'g'),
    english,
  ]),
  [
    /Los que te mostré ya son los más económicos que tengo con lo que buscas\. Si quieres, te calculo la mensualidad de alguno o buscamos con otro modelo o año\./g,
    'The ones I showed you are already the cheapest I have with what you are looking for. If you like, I can work out the monthly payment on one of them, or we can search another model or year.',
  ],
  [/¿Alguno te sirve\?/g, 'Does any of them work for you?'],
  [/¿Te interesa alguno\?/g, 'Are you interested in any of them?'],
  [
    /¿Cuál te late más\? Te calculo el plan exacto o te agendo una prueba de manejo\./g,
    'Which one do you like best? I can work out the exact plan or book you a test drive.',
  ],
  [
    /No encontré esos autos para compararlos\. ¿Me dices qué modelos te interesan\?/g,
    'I could not find those cars to compare them. Which models are you interested in?',
  ],
  [/Te dejo el que sí tengo para que lo veas:/g, 'Here is the one I do have, so you can see it:'],
  [/^- Año y km:/gm, '- Year and mileage:'],
  [/^- Tamaño:/gm, '- Size:'],
  // What a search's filters confirm about the cars it lists ("¿trae CarPlay?", "are they manual?").
  [/^Tiene ((?:transmisión|Bluetooth|CarPlay)[^\n]*)\.$/gm, 'It has $1.'],
  [/^Todas tienen ((?:transmisión|Bluetooth|CarPlay)[^\n]*)\.$/gm, 'They all have $1.'],
  [/(?<=^(?:It|They all) ha(?:s|ve) [^\n]*) y (?=[^\n]*\.$)/gm, ' and '],
  [/^Sí, las dos opciones tienen (.+?):$/gm, 'Yes, both options have $1:'],
  [/^Sí, las (\d+) opciones tienen (.+?):$/gm, 'Yes, all $1 options have $2:'],
  [/^De esas opciones, con (.+?):$/gm, 'Of those options, these have $1:'],
  [
    /^De esas opciones ninguna tiene (.+?) confirmado en el catálogo\./gm,
    'None of those options has $1 confirmed in the catalog.',
  ],
  [/transmisión automática/g, 'automatic transmission'],
  [/transmisión manual/g, 'manual transmission'],
  // The booking's next item
  [/a qué sede te queda mejor ir \(([^)]+)\)/g, 'which branch suits you best ($1)'],
  [
    /puedes comprar 100% en línea: videollamada con un asesor y entrega o prueba de manejo en tu domicilio/g,
    'you can buy 100% online: a video call with an advisor, and delivery or a test drive at your home',
  ],
  [/^Sí, you can buy/gm, 'Yes, you can buy'],
  [
    /^Sí, las dos: en ([^,\n]+?) puedes verlo en ([^\n]+?), y también you can/gm,
    'Yes, both: in $1 you can see it at $2, and you can also',
  ],
  [
    /Ya pedí que un asesor de Kavak te contacte por este medio para ayudarte personalmente\./g,
    'I have asked a Kavak advisor to contact you here to help you personally.',
  ],
  [/^Claro(, [^.]+)?\. (?=I have asked)/gm, 'Sure$1. '],
];
