import type { Span } from '../../../tools/text/span.js';

/**
 * Mexican cities (and the states people answer with), written the way customers write them,
 * mapped to one canonical Spanish name with accents. Patterns run on normalised text.
 */
const CITY_PATTERNS: readonly [canonical: string, pattern: string][] = [
  [
    'Ciudad de México',
    String.raw`cdmx|cd\s*mx|cd\.?\s*de\s+mexico|ciudad\s+de\s+mexico|mexico\s+city|d\.?\s*f\.?|distrito\s+federal|mexico\s+df|la\s+capital|chilangolandia|benito\s+juarez|coyoacan|tlalpan|iztapalapa|polanco|santa\s+fe|xochimilco|azcapotzalco|gustavo\s+a\.?\s+madero`,
  ],
  [
    'Estado de México',
    String.raw`edomex|edo\.?\s*mex|estado\s+de\s+mexico|naucalpan|tlalnepantla|ecatepec|satelite|ciudad\s+satelite|coacalco|huixquilucan|interlomas|atizapan|cuautitlan|nezahualcoyotl|neza|texcoco|tecamac`,
  ],
  ['Guadalajara', String.raw`guadalajara|gdl|guanatos|zapopan|tlaquepaque|tonala`],
  [
    'Monterrey',
    String.raw`monterrey|monterey|mty|san\s+pedro\s+garza\s+garcia|san\s+nicolas\s+de\s+los\s+garza|apodaca|santa\s+catarina|escobedo`,
  ],
  ['Nuevo León', String.raw`nuevo\s+leon`],
  ['Jalisco', String.raw`jalisco`],
  ['Puebla', String.raw`puebla|cholula`],
  ['Querétaro', String.raw`queretaro|qro|juriquilla`],
  ['Cuernavaca', String.raw`cuernavaca|cuerna`],
  ['Morelos', String.raw`morelos`],
  ['Toluca', String.raw`toluca|metepec`],
  ['Mérida', String.raw`merida`],
  ['Tijuana', String.raw`tijuana|tj`],
  ['León', String.raw`(?<!seat\s)(?<!nuevo\s)leon(?!\s+\d)`],
  ['Aguascalientes', String.raw`aguascalientes|ags`],
  ['San Luis Potosí', String.raw`san\s+luis\s+potosi|san\s+luis|slp`],
  ['Ciudad Juárez', String.raw`ciudad\s+juarez|cd\.?\s*juarez|juarez`],
  ['Chihuahua', String.raw`chihuahua`],
  ['Hermosillo', String.raw`hermosillo`],
  ['Culiacán', String.raw`culiacan`],
  ['Mazatlán', String.raw`mazatlan`],
  ['Cancún', String.raw`cancun`],
  ['Playa del Carmen', String.raw`playa\s+del\s+carmen`],
  ['Veracruz', String.raw`veracruz|boca\s+del\s+rio`],
  ['Xalapa', String.raw`xalapa|jalapa`],
  ['Oaxaca', String.raw`oaxaca`],
  ['Morelia', String.raw`morelia`],
  ['Saltillo', String.raw`saltillo`],
  ['Torreón', String.raw`torreon`],
  ['Acapulco', String.raw`acapulco`],
  ['Pachuca', String.raw`pachuca`],
  ['Tlaxcala', String.raw`tlaxcala`],
  ['Villahermosa', String.raw`villahermosa`],
  ['Tuxtla Gutiérrez', String.raw`tuxtla(\s+gutierrez)?`],
  ['Zacatecas', String.raw`zacatecas`],
  ['Durango', String.raw`(?<=\b(?:en|de|desde|para|a)\s)durango`],
  ['Tampico', String.raw`tampico`],
  ['Mexicali', String.raw`mexicali`],
  ['Ensenada', String.raw`ensenada`],
  ['La Paz', String.raw`la\s+paz`],
  ['Los Cabos', String.raw`los\s+cabos|cabo\s+san\s+lucas`],
  ['Campeche', String.raw`campeche`],
  ['Chetumal', String.raw`chetumal`],
  ['Colima', String.raw`colima`],
  ['Tepic', String.raw`tepic`],
  ['Irapuato', String.raw`irapuato`],
  ['Celaya', String.raw`celaya`],
  ['Guanajuato', String.raw`guanajuato`],
  ['Puerto Vallarta', String.raw`puerto\s+vallarta|vallarta`],
  ['Reynosa', String.raw`reynosa`],
  ['Matamoros', String.raw`matamoros`],
  ['Nuevo Laredo', String.raw`nuevo\s+laredo`],
  ['Coatzacoalcos', String.raw`coatzacoalcos`],
  ['Uruapan', String.raw`uruapan`],
  ['Ciudad Obregón', String.raw`ciudad\s+obregon|cd\.?\s*obregon`],
  ['Los Mochis', String.raw`los\s+mochis`],
];

/** Kavak's branches, named by customers instead of their city ("En Nuevo Sur, mañana"). */
const BRANCH_PATTERNS: readonly [canonical: string, pattern: string][] = [
  ['Puebla', String.raw`explanada|las\s+torres`],
  ['Monterrey', String.raw`punto\s+valle|nuevo\s+sur`],
  ['Guadalajara', String.raw`midtown|punto\s+sur`],
  [
    'Ciudad de México',
    String.raw`plaza\s+fortuna|patio\s+santa\s+fe|el\s+rosario|antara|artz(\s+pedregal)?|pedregal`,
  ],
  ['Estado de México', String.raw`cosmopol`],
];

const COMPILED = [...CITY_PATTERNS, ...BRANCH_PATTERNS].map(([canonical, pattern]) => ({
  canonical,
  regex: new RegExp(String.raw`\b(?:${pattern})\b`, 'g'),
}));

export interface CityMention extends Span {
  city: string;
}

/** The first city named in the message (earliest position; the longest name at a position). */
export function findCity(text: string): CityMention | null {
  let best: CityMention | null = null;
  for (const { canonical, regex } of COMPILED) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      const found = { city: canonical, start: m.index, end: m.index + m[0].length };
      if (!best || found.start < best.start || (found.start === best.start && found.end > best.end))
        best = found;
    }
  }
  return best;
}
