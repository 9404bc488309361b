/**
 * Names customers use that are not the catalog's spelling, and a modest list of cars well known
 * in Mexico that the sample catalog does not stock — only used to tell "not in the catalog"
 * from a typo, never to invent stock.
 */

/** Canonical spelling of makes, by any of their aliases (matched after normalisation). */
export const MAKE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  Volkswagen: ['vw', 'volks', 'volkswagen', 'volkswaguen', 'volkwagen', 'vocho'],
  Chevrolet: ['chevy', 'chevrolet', 'chevrolé'],
  'Mercedes-Benz': ['mercedes', 'mercedes benz', 'benz', 'mb'],
  BMW: ['bmw', 'beemer'],
  'Land Rover': ['land rover', 'landrover'],
  Mini: ['mini', 'mini cooper'],
  Kia: ['kia'],
  MG: ['mg', 'morris garages'],
  JAC: ['jac'],
  Seat: ['seat'],
  Toyota: ['toyota'],
  Nissan: ['nissan'],
  Mazda: ['mazda'],
};

/** Makes sold in Mexico; spelled here so "KIA" or "mercedes benz" in a CSV print well. */
export const KNOWN_MAKES: readonly string[] = [
  'Audi',
  'BMW',
  'Chevrolet',
  'Dodge',
  'Fiat',
  'Ford',
  'Honda',
  'Infiniti',
  'JAC',
  'Jeep',
  'Kia',
  'Land Rover',
  'Lincoln',
  'Mazda',
  'Mercedes-Benz',
  'MG',
  'Mini',
  'Nissan',
  'Peugeot',
  'Renault',
  'Seat',
  'Suzuki',
  'Toyota',
  'Volkswagen',
  'Volvo',
];

/** Real makes and models that the bundled catalog does not have (make → models). */
export const OUTSIDE_CATALOG: Readonly<Record<string, readonly string[]>> = {
  Tesla: ['Model 3', 'Model S', 'Model X', 'Model Y'],
  Hyundai: ['Accent', 'Elantra', 'Tucson', 'Creta', 'Grand i10', 'Santa Fe'],
  Mitsubishi: ['Mirage', 'L200', 'Outlander'],
  Toyota: ['Camry', 'Hilux', 'Prius', 'Tacoma', 'Sienna', 'Highlander'],
  Nissan: ['Tsuru', 'Tiida', 'NP300'],
  Volkswagen: ['Beetle', 'Vocho', 'Golf', 'Polo', 'Virtus', 'Taos', 'Amarok'],
  Chevrolet: ['Beat', 'Cavalier', 'Groove', 'Silverado', 'Tahoe', 'Suburban', 'Equinox'],
  Ford: ['Ranger', 'Lobo', 'F-150', 'Explorer', 'Mustang', 'Territory', 'Fiesta', 'Focus', 'Bronco'],
  Honda: ['Accord', 'City', 'Fit', 'Pilot'],
  Kia: ['Seltos', 'Soul', 'Sorento', 'Picanto'],
  Mazda: ['Mazda 2', 'Mazda 6', 'CX-3', 'CX-30', 'CX-50', 'MX-5'],
  Jeep: ['Wrangler', 'Cherokee', 'Grand Cherokee', 'Renegade'],
  Renault: ['Kwid', 'Logan', 'Stepway', 'Oroch'],
  Suzuki: ['Vitara', 'Ertiga', 'Ignis'],
  Seat: ['Leon', 'Arona', 'Ateca'],
  Dodge: ['Attitude', 'Charger', 'Challenger'],
  Audi: ['A3', 'A4', 'Q3', 'Q5'],
  BMW: ['Serie 4', 'Serie 5', 'X6'],
  'Mercedes-Benz': ['Clase E', 'GLA', 'GLC'],
  RAM: [],
  Subaru: [],
  Porsche: [],
  Lexus: [],
  Acura: [],
  Cadillac: [],
  Chrysler: [],
  GMC: [],
  Jaguar: [],
  'Alfa Romeo': [],
  Cupra: [],
  BYD: [],
  Chirey: [],
  Geely: [],
  'Great Wall': [],
};

/** Extra model spellings: alias → canonical model (used only if the catalog has that model). */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  discovery: 'Discovery Sport',
  'mini cooper': 'Cooper',
  rav: 'RAV4',
};

/**
 * Words that look like an answer but name no car; they never resolve, not even by typo
 * tolerance ("el", "año", "auto" must not become a model).
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'auto',
  'autos',
  'carro',
  'carros',
  'coche',
  'coches',
  'camioneta',
  'camionetas',
  'vehiculo',
  'vehiculos',
  'modelo',
  'marca',
  'version',
  'el',
  'la',
  'los',
  'las',
  'un',
  'una',
  'ano',
  'anos',
  'sedan',
  'suv',
  'hatchback',
  'pickup',
  'nuevo',
  'seminuevo',
  'usado',
  'barato',
  'cualquiera',
  'otro',
  'otra',
  'ninguno',
  'si',
  'no',
  'que',
  'cual',
  'car',
  'any',
  'automatico',
  'manual',
]);

/**
 * Model names built as "<family word> <code>" ("Serie 3", "Clase C", "Mazda 3"): the other ways
 * customers say them, given the code. Keys are matched after normalisation.
 */
export const MODEL_FAMILY_ALIASES: Readonly<Record<string, (code: string) => string[]>> = {
  serie: (code) => [`series ${code}`, `bmw ${code}`, `${code} series`, `serie ${code}`],
  clase: (code) => [`class ${code}`, `${code} class`, `mercedes ${code}`, `clase ${code}`],
  mazda: (code) => [`mazda ${code}`, `mazda${code}`],
};
