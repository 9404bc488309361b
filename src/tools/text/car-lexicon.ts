/**
 * The one car lexicon: makes and models common in Mexico with the other names customers use
 * ("vw", "chevy", "vocho"), read by the offline NLU (nlu/car-index.ts) and the catalog resolver
 * (catalog/aliases.ts), so a car name is recognised even when the catalog has none in stock
 * ("Tsuru", "Tesla") and the catalog tool can say so. The catalog's own names win on spelling.
 *
 * A model is "Name" or "Name|alias|~misspelling". Aliases are written folded (lowercase, no
 * accents). Misspellings (`misspellings`, "~…") are exact keys for the NLU; the catalog leaves
 * them to its typo tolerance, so it still reports them as corrected.
 */
import type { BodyType, CarUse } from '../catalog/vocabulary.js';
import { wordTable } from './word-table.js';

export interface LexiconMake {
  make: string;
  /** Other names of the make ("vw", "chevy", "benz"). */
  aliases: string[];
  /** Ways customers misspell or cut the make short ("nisan", "bm"). */
  misspellings?: string[];
  models: string[];
}

/** A model spec split into its canonical name, other names, and misspellings. */
export function modelNames(spec: string): { model: string; aliases: string[]; misspellings: string[] } {
  const [model, ...rest] = spec.split('|') as [string, ...string[]];
  return {
    model,
    aliases: rest.filter((name) => !name.startsWith('~')),
    misspellings: rest.filter((name) => name.startsWith('~')).map((name) => name.slice(1)),
  };
}

export const CAR_LEXICON: readonly LexiconMake[] = [
  {
    make: 'Volkswagen',
    aliases: ['vw', 'volks', 'volkswagen', 'folks'],
    misspellings: ['volkswagon', 'wolkswagen', 'bolswagen', 'volswagen', 'volkswaguen', 'volkwagen'],
    models: [
      'Jetta|~jeta|~yeta',
      'Vento',
      'Gol',
      'Polo',
      'Virtus',
      'Tiguan',
      'Taos',
      'T-Cross|tcross',
      'Teramont',
      'Touareg|~tuareg',
      'Passat',
      'Golf',
      'Beetle|vocho|~bocho|vochito|~bochito|escarabajo',
      'Saveiro',
      'Amarok',
      'CrossFox',
      'Up',
      'Nivus',
      'Caddy',
    ],
  },
  {
    make: 'Nissan',
    aliases: ['nissan'],
    misspellings: ['nisan', 'nissa', 'nisa'],
    models: [
      'Versa',
      'Sentra',
      'March',
      'Tsuru|~tsuro|~tzuru',
      'Kicks|~kiks',
      'X-Trail|xtrail|x trail',
      'Frontier',
      'NP300|np 300',
      'Altima',
      'Murano',
      'Pathfinder',
      'Tiida',
      'Note',
      'Leaf',
    ],
  },
  {
    make: 'Chevrolet',
    aliases: ['chevrolet', 'chevy', 'chevi', 'chevrole'],
    misspellings: ['chebrolet'],
    models: [
      'Aveo',
      'Spark',
      'Onix',
      'Sonic',
      'Cruze',
      'Trax',
      'Tracker',
      'Captiva',
      'Equinox',
      'Tahoe',
      'Suburban',
      'Silverado',
      'Beat',
      'Cavalier',
      'Malibu',
      'Camaro',
      'S10',
      'Tornado',
      'Groove',
    ],
  },
  {
    make: 'Toyota',
    aliases: ['toyota'],
    models: [
      'Corolla',
      'Yaris',
      'Camry',
      'RAV4|rav 4|rav',
      'Hilux',
      'Tacoma',
      'Avanza',
      'Prius',
      'Highlander',
      'Sienna',
      'Tundra',
      'Raize',
      'C-HR|chr',
    ],
  },
  {
    make: 'Honda',
    aliases: ['honda'],
    models: [
      'Civic',
      'City',
      'Accord',
      'CR-V|crv',
      'HR-V|hrv',
      'BR-V|brv',
      'Fit',
      'Odyssey|~odisey|~odysey',
      'Pilot',
    ],
  },
  {
    make: 'Mazda',
    aliases: ['mazda'],
    models: [
      'Mazda 2|mazda2',
      'Mazda 3|mazda3',
      'Mazda 6|mazda6',
      'CX-3|cx3',
      'CX-30|cx30',
      'CX-5|cx5',
      'CX-9|cx9',
      'CX-50|cx50',
      'MX-5|mx5|miata',
    ],
  },
  {
    make: 'Kia',
    aliases: ['kia'],
    models: ['Rio', 'Forte', 'Soul', 'Sportage', 'Seltos', 'Sorento', 'Niro', 'K3'],
  },
  {
    make: 'Hyundai',
    aliases: ['hyundai'],
    misspellings: ['hyunday', 'hunday', 'hundai', 'jundai', 'hiundai'],
    models: ['Accent', 'Elantra', 'Grand i10|i10|grand i 10', 'Tucson', 'Creta', 'Santa Fe'],
  },
  {
    make: 'Ford',
    aliases: ['ford'],
    models: [
      'Figo',
      'Fiesta',
      'Focus',
      'Fusion',
      'EcoSport|eco sport',
      'Escape',
      'Explorer',
      'Edge',
      'Ranger',
      'Lobo',
      'F-150|f150',
      'Mustang',
      'Expedition',
      'Territory',
      'Bronco',
      'Maverick',
    ],
  },
  {
    make: 'Dodge',
    aliases: ['dodge'],
    misspellings: ['dodch'],
    models: ['Attitude', 'Neon', 'Journey', 'Durango', 'Charger', 'Challenger', 'Avenger', 'Dart', 'Vision'],
  },
  { make: 'RAM', aliases: ['ram'], models: ['700', '1500', '2500'] },
  {
    make: 'Jeep',
    aliases: ['jeep'],
    misspellings: ['yip'],
    models: ['Grand Cherokee', 'Cherokee', 'Compass', 'Renegade', 'Wrangler', 'Patriot'],
  },
  { make: 'Chrysler', aliases: ['chrysler'], models: ['Pacifica', '300'] },
  {
    make: 'Renault',
    aliases: ['renault'],
    misspellings: ['renol', 'reno'],
    models: ['Kwid', 'Duster', 'Captur', 'Koleos', 'Logan', 'Sandero', 'Stepway', 'Oroch', 'Fluence', 'Clio'],
  },
  {
    make: 'Peugeot',
    aliases: ['peugeot'],
    misspellings: ['peugot', 'pegeot', 'peujot', 'pejo', 'peyo', 'peugeo'],
    models: ['208', '2008', '301', '308', '3008', '5008', 'Partner'],
  },
  { make: 'Seat', aliases: ['seat'], models: ['Ibiza', 'Leon', 'Toledo', 'Arona', 'Ateca', 'Tarraco'] },
  { make: 'Cupra', aliases: ['cupra'], models: ['Formentor'] },
  {
    make: 'Suzuki',
    aliases: ['suzuki'],
    models: ['Swift', 'Vitara', 'Ertiga', 'Ciaz', 'Ignis', 'S-Cross', 'Jimny'],
  },
  {
    make: 'Mitsubishi',
    aliases: ['mitsubishi'],
    misspellings: ['mitsubichi'],
    models: ['Mirage', 'Lancer', 'Outlander', 'L200', 'Montero'],
  },
  {
    make: 'BMW',
    aliases: ['bmw', 'beemer'],
    misspellings: ['bm'],
    models: [
      'Serie 1',
      'Serie 2',
      'Serie 3',
      'Serie 4',
      'Serie 5',
      'Serie 7',
      'X1',
      'X2',
      'X3',
      'X4',
      'X5',
      'X6',
    ],
  },
  {
    make: 'Mercedes-Benz',
    aliases: ['mercedes', 'mercedes benz', 'benz', 'mb'],
    misspellings: ['mercedez', 'mercedez benz'],
    models: ['Clase A', 'Clase C', 'Clase E', 'Clase CLA|cla', 'GLA', 'GLC', 'GLE'],
  },
  { make: 'Audi', aliases: ['audi'], models: ['A1', 'A3', 'A4', 'A5', 'A6', 'Q2', 'Q3', 'Q5', 'Q7'] },
  { make: 'Volvo', aliases: ['volvo'], models: ['S60', 'XC40', 'XC60', 'XC90'] },
  { make: 'MG', aliases: ['mg', 'morris garages'], models: ['MG5|mg 5', 'MG3', 'ZS', 'HS', 'RX5'] },
  { make: 'JAC', aliases: ['jac'], models: ['SEI2|sei 2', 'SEI3|sei 3', 'SEI4|sei 4', 'J7'] },
  { make: 'Fiat', aliases: ['fiat'], models: ['Uno', 'Palio', 'Mobi', 'Argo', 'Pulse', '500'] },
  { make: 'Mini', aliases: ['mini'], models: ['Cooper|mini cooper'] },
  {
    make: 'Land Rover',
    aliases: ['land rover', 'landrover', 'range rover'],
    models: ['Discovery Sport|discovery', 'Evoque|range rover evoque'],
  },
  { make: 'Lincoln', aliases: ['lincoln'], models: ['Nautilus', 'MKZ', 'Navigator'] },
  { make: 'Infiniti', aliases: ['infiniti'], misspellings: ['infinity'], models: ['Q50', 'Q70', 'QX50'] },
  { make: 'Tesla', aliases: ['tesla'], models: ['Model 3', 'Model Y', 'Model S', 'Model X'] },
  { make: 'Acura', aliases: ['acura'], models: ['RDX', 'MDX', 'ILX'] },
  { make: 'Subaru', aliases: ['subaru'], models: ['Impreza', 'Forester', 'Outback', 'XV'] },
  { make: 'Porsche', aliases: ['porsche'], misspellings: ['porche'], models: ['Cayenne', 'Macan'] },
  { make: 'Lexus', aliases: ['lexus'], models: [] },
  { make: 'Cadillac', aliases: ['cadillac'], models: ['Escalade'] },
  { make: 'Buick', aliases: ['buick'], models: ['Encore', 'Enclave'] },
  { make: 'GMC', aliases: ['gmc'], models: ['Sierra', 'Yukon', 'Acadia', 'Terrain'] },
  { make: 'Chirey', aliases: ['chirey', 'chery'], models: ['Tiggo 2', 'Tiggo 4', 'Tiggo 7', 'Tiggo 8'] },
  { make: 'BYD', aliases: ['byd'], models: ['Dolphin', 'Seal'] },
  { make: 'Jaguar', aliases: ['jaguar'], models: [] },
  { make: 'Alfa Romeo', aliases: ['alfa romeo'], models: [] },
  { make: 'Isuzu', aliases: ['isuzu'], models: [] },
  { make: 'Geely', aliases: ['geely'], models: [] },
  { make: 'Great Wall', aliases: ['great wall'], models: [] },
];

/**
 * Names that are also everyday words or places ("uno", "city", "León"): read as a car only right
 * after their make ("Fiat Uno"). Keys are compact (lowercase, letters and digits only).
 */
export const NEEDS_MAKE = new Set(
  `
    uno up city fit soul note beat edge vision leon santafe hs zs a1 a3 a4 a5 a6 q2 j7 k3 xv mb seal
    dolphin sierra terrain pulse argo partner caddy lobo dart neon groove fiesta fusion bronco tornado
    creta mirage montero enclave encore pilot accent models pacifica 300
  `
    .trim()
    .split(/\s+/),
);

/**
 * Names that are also words or places but common as cars: read as a car after their make, an
 * article ("la Avanza", "un Rio") or before a year ("Durango 2019").
 */
export const NEEDS_CONTEXT = new Set(
  `
    rio polo golf durango toledo ibiza avanza x1 x2 x3 x4 x5 x6 q3 q5 q7 seat mini ram mg gol cooper
    march journey compass patriot logan clio swift escarabajo reno cla bm chery lancer ranger explorer
    maverick territory leaf kwid clasea clasec clasee model3 modely modelx escape
  `
    .trim()
    .split(/\s+/),
);

// Issue 10, item 3: body types, in the customer's words and in the catalog's version text.
/**
 * What customers call each body style (folded text). "Camioneta" in Mexico is an SUV or a
 * minivan; "troca" a pickup. Checked in this order: "camioneta de carga" is a pickup first.
 */
export const BODY_TYPE_WORDS: readonly { bodyTypes: readonly BodyType[]; pattern: RegExp }[] = [
  {
    bodyTypes: ['pickup'],
    pattern:
      /\b(trocas?|troquitas?|pick\s*-?\s*ups?|pickups?|de\s+batea|camionetas?\s+de\s+carga|doble\s+cabina)\b/,
  },
  { bodyTypes: ['minivan'], pattern: /\b(minivan(?:es|s)?|mini\s+van(?:es|s)?)\b/ },
  { bodyTypes: ['van'], pattern: /\b(?:una|la|las|unas)\s+vans?\b|\bfurgonetas?\b/ },
  { bodyTypes: ['suv', 'minivan'], pattern: /\b(camionetas?|camionetitas?)\b/ },
  { bodyTypes: ['suv'], pattern: /\b(suvs?|crossovers?|todoterrenos?)\b/ },
  { bodyTypes: ['sedan'], pattern: /\bsedan(?:es|s)?\b/ },
  { bodyTypes: ['hatchback'], pattern: /\b(hatchbacks?|hatch|hb)\b/ },
  { bodyTypes: ['coupe'], pattern: /\b(coupes?|cupes?)\b/ },
  { bodyTypes: ['convertible'], pattern: /\b(convertibles?|descapotables?)\b/ },
];

/** Spanish names of the body types, as the agents say them. */
export const BODY_TYPE_LABELS: Readonly<Record<BodyType, string>> = {
  sedan: 'sedán',
  hatchback: 'hatchback',
  suv: 'SUV',
  pickup: 'pickup',
  minivan: 'minivan',
  van: 'van',
  coupe: 'coupé',
  convertible: 'convertible',
};

/** "7 pasajeros", "siete asientos", "tercera fila": the fewest seats wanted. */
export const SEATS_WORDS =
  /\b(\d|cinco|seis|siete|ocho|nueve)\s+(?:pasajeros|asientos|plazas|lugares|personas)\b|\b(tercera\s+fila|3\s+filas|tres\s+filas)\b/;
export const SEAT_NUMBERS = wordTable<number>({
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
});
/** "somos 7", "vamos a ser seis", "we are a family of 7": the people the car must seat. */
export const PARTY_SIZE =
  /\b(?:somos|seremos|vamos\s+a\s+ser|viajamos|(?:quepamos|quepan|caben|cabemos|entremos|entren|entramos|entran)(?:\s+(?:todos|hasta|como|unos))*|we\s+are|we\s+re|were|there\s+are|family\s+of|familia\s+de|fits?|seats?)\s+(?:(?:a\s+)?family\s+of\s+)?(\d|cinco|seis|siete|ocho|nueve|five|six|seven|eight)\b(?!\s*(?:anos|years|mil|k|%|maletas|bolsas|cajas|bags|suitcases))/;

/** What the car is for, in the customer's words. */
export const CAR_USE_WORDS: readonly { use: CarUse; pattern: RegExp }[] = [
  {
    use: 'work',
    pattern:
      /\bpara\s+(?:el\s+|mi\s+)?(?:trabajo|trabajar|chamba|la\s+chamba|chambear|carga|cargar|negocio|jale|reparto|repartir)\b|\bde\s+trabajo\b/,
  },
  {
    use: 'family',
    pattern:
      /\b(familiar(?:es)?|para\s+(?:la|mi|toda\s+la)\s+familia|familia\s+grande|con\s+(?:mis\s+)?(?:hijos|ninos|chamacos|chavos))\b/,
  },
];

/** Body styles and seats as Kavak's version texts write them ("HATCHBACK", "CREW CAB", "7 PASAJEROS"). */
export const VERSION_BODY_WORDS: readonly { bodyType: BodyType; pattern: RegExp }[] = [
  { bodyType: 'hatchback', pattern: /\b(HATCHBACK|HATCH|HB|5\s*PTAS?\.?|5\s*PUERTAS|5DRS?)(?=\s|$|\.)/ },
  { bodyType: 'sedan', pattern: /\b(SEDAN|SEDÁN|4\s*PTAS?\.?|4\s*PUERTAS|4DRS?)(?=\s|$|\.)/ },
  {
    bodyType: 'pickup',
    pattern: /\b(CREW\s+CAB|DOBLE\s+CABINA|CABINA\s+(DOBLE|SENCILLA|REGULAR)|D\/CAB|PICK\s*UP)\b/,
  },
  { bodyType: 'coupe', pattern: /\b(COUPE|COUPÉ)\b/ },
  { bodyType: 'convertible', pattern: /\b(CONVERTIBLE|CABRIO|CABRIOLET|ROADSTER)\b/ },
];
export const VERSION_SEATS_WORDS: readonly { seats: number | 'number'; pattern: RegExp }[] = [
  { seats: 'number', pattern: /\b(\d)\s*(?:PASAJEROS|PAS\.?|ASIENTOS|PLAZAS)(?=\s|$)/ },
  { seats: 7, pattern: /\b(3\s*ROW|3\s*FILAS|TERCERA\s+FILA)\b/ },
  { seats: 5, pattern: /\b2\s*ROW\b/ },
];
