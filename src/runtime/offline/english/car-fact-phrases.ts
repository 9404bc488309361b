/**
 * The car-facts answers: one car's km, year, version, transmission, features, seats, body type
 * and measures, and whether it fits the customer's space on the dimension they gave.
 */
import { template, type Entry } from './entry.js';

const DIMENSION_NAMES: readonly Entry[] = [
  [/ de largo\b/g, ' long'],
  [/ de ancho\b/g, ' wide'],
  [/ de alto\b/g, ' high'],
];

export const CAR_FACT_PHRASES: readonly Entry[] = [
  // A single car quoted with its price reads "priced at", as an English reply would say it.
  [template(String.raw`^Del (.+?), de {money} \(ID (\d+)\):`, 'gm'), 'About the $1, priced at $2 (ID $3):'],
  [/^Tiene ([\d,]+ km)\./gm, 'It has $1.'],
  [/^Es modelo (\d{4})\./gm, 'It is a $1 model.'],
  [/^La versión es (.+?)\.$/gm, 'The version is $1.'],
  [/Es de transmisión automática\./g, 'It has an automatic transmission.'],
  [/Es de transmisión manual\./g, 'It has a manual transmission.'],
  [/No, el (.+?) no tiene (.+?)\./g, 'No, the $1 does not have $2.'],
  [/Es para (\d+) pasajeros\./g, 'It seats $1.'],
  [/Es una? sedán\./g, 'It is a sedan.'],
  [/Es una? coupé\./g, 'It is a coupe.'],
  [/Es una? (SUV|hatchback|pickup|minivan|van|convertible)\./g, 'It is a $1.'],
  [/ \(depende de la versión\)/g, ' (it depends on the version)'],
  [
    /: no tengo ese dato en el catálogo; un asesor te lo puede confirmar\./g,
    ': our catalog does not say; an advisor can confirm it for you.',
  ],
  [/: no tengo ese dato en el catálogo\./g, ': our catalog does not say.'],
  // A label opens a line, or follows a car in a list ("1. Versa 2020 (ID 1): Transmisión: …").
  [/(?<=^|\): )Transmisión:/gm, 'Transmission:'],
  [/(?<=^|\): )Pasajeros:/gm, 'Seats:'],
  [/(?<=^|\): )Tipo de carrocería:/gm, 'Body type:'],
  [/(?<=^|\): )Versión:/gm, 'Version:'],
  [/(?<=^|\): )Tracción:/gm, 'Drivetrain:'],
  [/(?<=^|\): )Color:/gm, 'Colour:'],
  [/(?<=^|\): )Rendimiento de combustible:/gm, 'Fuel economy:'],
  [/(?<=^|\): )Número de puertas:/gm, 'Doors:'],
  [/(?<=^|\): )Tamaño de la cajuela:/gm, 'Trunk size:'],
  [/Es de (\d) puertas\./g, 'It has $1 doors.'],
  [
    /Sí, es de tracción integral: su versión dice (.+?)\.$/gm,
    'Yes, it has all-wheel drive: its version reads $1.',
  ],
  [
    /No, es de tracción sencilla \(2WD\): su versión dice (.+?)\.$/gm,
    'No, it is two-wheel drive (2WD): its version reads $1.',
  ],
  [/(?<=^|\): )Medidas:/gm, 'Measures:'],
  [/(?<=^|\): )El largo:/gm, 'Length:'],
  [/(?<=^|\): )El ancho:/gm, 'Width:'],
  [/(?<=^|\): )La altura:/gm, 'Height:'],
  // Measures and fit
  [/Mide ([^\n]+?)\.$/gm, 'It is $1.'],
  // The cars that fit a garage (fits-space.ts).
  [/^Para tu espacio de ([\d,]+ mm) de largo, estos caben:/gm, 'For your space of $1 long, these fit:'],
  [/ · ([\d,]+ mm) de largo \(te sobran ([\d,]+ mm), muy justo\)/g, ' · $1 long ($2 to spare, a tight fit)'],
  [/ · ([\d,]+ mm) de largo \(te sobran ([\d,]+ mm)\)/g, ' · $1 long ($2 to spare)'],
  [
    /Considera también espacio para abrir puertas y pasar\./g,
    'Leave room to open the doors and walk past, too.',
  ],
  [
    /Sí cabe a lo largo en tu espacio de ([\d,]+ mm): te sobran ([\d,]+ mm)/g,
    'Yes, it fits lengthwise in your $1 space: $2 to spare',
  ],
  [
    /Sí cabe a lo ancho en tu espacio de ([\d,]+ mm): te sobran ([\d,]+ mm)/g,
    'Yes, it fits widthwise in your $1 space: $2 to spare',
  ],
  [
    /Sí cabe de alto en tu altura máxima de ([\d,]+ mm): te sobran ([\d,]+ mm)/g,
    'Yes, it clears your $1 height limit: $2 to spare',
  ],
  [
    /No cabe a lo largo: mide ([\d,]+ mm) más que tu espacio de ([\d,]+ mm)\./g,
    'It does not fit lengthwise: it is $1 longer than your $2 space.',
  ],
  [
    /No cabe a lo ancho: mide ([\d,]+ mm) más que tu espacio de ([\d,]+ mm)\./g,
    'It does not fit widthwise: it is $1 wider than your $2 space.',
  ],
  [
    /No cabe de alto: mide ([\d,]+ mm) más que tu altura máxima de ([\d,]+ mm)\./g,
    'It does not clear your height limit: it is $1 taller than your $2 limit.',
  ],
  [
    / \(muy justo; considera el espacio para abrir puertas y pasar\)/g,
    ' (very tight; leave room to open the doors and walk past)',
  ],
  [
    / \(muy justo; considera el espacio para abrir las puertas y bajarte\)/g,
    ' (very tight; leave room to open the doors and get out)',
  ],
  [
    / \(muy justo; considera el portaequipaje o la antena\)/g,
    ' (very tight; mind a roof rack or the antenna)',
  ],
  [
    /No tengo (?:el largo|el ancho|la altura) de este auto en el catálogo, así que no te puedo decir si cabe en (?:tu espacio|tu altura máxima) de ([\d,]+ mm); un asesor te lo puede medir\./g,
    'Our catalog does not have that measure of this car, so I cannot tell you whether it fits your $1; an advisor can measure it for you.',
  ],
  ...DIMENSION_NAMES,
  [
    /¿Quieres que te calcule la mensualidad o agendamos una prueba de manejo\?/g,
    'Shall I work out the monthly payment, or shall we book a test drive?',
  ],
  [/¿Cuál te interesa más\?/g, 'Which one interests you most?'],
];
