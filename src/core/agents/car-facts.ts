import { formatMXN } from '../../tools/money.js';
import type { Car } from '../../tools/catalog/types.js';
import { drivetrainFromVersion } from '../../tools/catalog/drivetrain.js';
import { BODY_TYPE_LABELS } from '../../tools/text/car-lexicon.js';
import type { CarAttribute } from '../intents/schema.js';
import type { AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { carFacts, carTitle, formatKm } from './format.js';
import { hasName, namedCar } from './named-car.js';

// Built on first use, like formatKm's: creating it loads ICU data.
let mm: Intl.NumberFormat | undefined;
export const formatMm = (value: number): string => {
  mm ??= new Intl.NumberFormat('en-US');
  return `${mm.format(Math.round(value))} mm`;
};

const UNKNOWN = 'no tengo ese dato en el catálogo';

/**
 * "¿y el del 2021?" about the car in focus: that make and model of the year asked, if the catalog
 * has it (null when it does not); undefined when the message asks no other year.
 */
function otherYearOfFocus(ctx: AgentContext): Car | null | undefined {
  const { yearMin, yearMax, make, model, stockId, pick } = ctx.entities;
  if (make || model || stockId || pick !== null || yearMin === null || yearMin !== yearMax) return undefined;
  const id = ctx.profile.carUnderDiscussion;
  const current = id ? ctx.tools.catalog.byStockId(id) : undefined;
  if (!current || current.year === yearMin) return undefined;
  const query = { make: current.make, model: current.model, yearMin, yearMax, limit: 1 };
  const found = useTool(ctx, 'catalog.search', query, () => ctx.tools.catalog.search(query)).cars[0];
  return found ?? null;
}

/**
 * The car a question is about: the one this message names (one of those shown first), the one
 * picked ("el segundo") or given by id, else the car under discussion, else the only one shown.
 */
export function carInFocus(ctx: AgentContext): Car | undefined {
  const { catalog } = ctx.tools;
  const e = ctx.entities;
  const shown = ctx.profile.lastRecommended.map((id) => catalog.byStockId(id)).filter((c): c is Car => !!c);
  if (e.stockId) return namedCar(ctx);
  if (e.make || e.model) return shown.find((car) => hasName(car, e, catalog)) ?? namedCar(ctx);
  const other = otherYearOfFocus(ctx);
  if (other !== undefined) return other ?? undefined;
  if (e.pick !== null) {
    const car = shown.at(e.pick === -1 ? -1 : e.pick - 1);
    if (car) return car;
  }
  const current = ctx.profile.carUnderDiscussion;
  // A car in focus that the last list left out (nothing cheaper of it, so others were shown) is
  // still the one a bare "¿es 4x4?" is about.
  if (current && shown.length > 0 && !ctx.profile.lastRecommended.includes(current))
    return catalog.byStockId(current);
  // "¿Es sedán?" right after a list names no car: the agent answers for each car listed.
  if (lastReplyListed(ctx, shown)) return undefined;
  if (current) return catalog.byStockId(current);
  return shown.length === 1 ? shown[0] : undefined;
}

/** The agent's previous reply showed several of these cars (its own lines carry "ID …"). */
function lastReplyListed(ctx: AgentContext, shown: readonly Car[]): boolean {
  const last = ctx.history.findLast((turn) => turn.role === 'agent')?.text ?? '';
  return shown.filter((car) => last.includes(`ID ${car.stockId}`)).length > 1;
}

/** The cars a question with no reference is about: those the previous reply listed. */
export function listedCars(ctx: AgentContext): Car[] {
  const { catalog } = ctx.tools;
  const shown = ctx.profile.lastRecommended.map((id) => catalog.byStockId(id)).filter((c): c is Car => !!c);
  return lastReplyListed(ctx, shown) ? shown : [];
}

function yesNo(car: Car, value: boolean | null, feature: string): string {
  if (value === null) return `${feature}: ${UNKNOWN}; un asesor te lo puede confirmar.`;
  const name = carTitle(car)
    .slice(0, carTitle(car).length - car.version.length)
    .trim();
  return value ? `Sí, el ${name} tiene ${feature}.` : `No, el ${name} no tiene ${feature}.`;
}

type Dimension = 'length' | 'width' | 'height';

/** The customer's space, per dimension, in metres (null: not given). */
export type Space = Record<Dimension, number | null>;

const DIMENSIONS: readonly Dimension[] = ['length', 'width', 'height'];

/** Each dimension's words, and how much room left is still "muy justo". */
const DIMENSION: Record<
  Dimension,
  {
    of: (car: Car) => number | null;
    label: string;
    name: string;
    along: string;
    limit: string;
    tightMm: number;
    tightWhy: string;
  }
> = {
  length: {
    of: (car) => car.lengthMm,
    label: 'de largo',
    name: 'el largo',
    along: 'a lo largo',
    limit: 'tu espacio',
    tightMm: 300,
    tightWhy: 'considera el espacio para abrir puertas y pasar',
  },
  width: {
    of: (car) => car.widthMm,
    label: 'de ancho',
    name: 'el ancho',
    along: 'a lo ancho',
    limit: 'tu espacio',
    tightMm: 600,
    tightWhy: 'considera el espacio para abrir las puertas y bajarte',
  },
  height: {
    of: (car) => car.heightMm,
    label: 'de alto',
    name: 'la altura',
    along: 'de alto',
    limit: 'tu altura máxima',
    tightMm: 100,
    tightWhy: 'considera el portaequipaje o la antena',
  },
};

/** "Sí cabe a lo ancho en tu espacio de 2,100 mm…": one dimension of the car against the same one of the space. */
function fitLine(car: Car, dimension: Dimension, spaceM: number): string {
  const { of, name, along, limit, tightMm, tightWhy } = DIMENSION[dimension];
  const space = Math.round(spaceM * 1000);
  const size = of(car);
  if (size === null)
    return `No tengo ${name} de este auto en el catálogo, así que no te puedo decir si cabe en ${limit} de ${formatMm(space)}; un asesor te lo puede medir.`;
  const spare = space - size;
  if (spare < 0) return `No cabe ${along}: mide ${formatMm(-spare)} más que ${limit} de ${formatMm(space)}.`;
  return `Sí cabe ${along} en ${limit} de ${formatMm(space)}: te sobran ${formatMm(spare)}${spare < tightMm ? ` (muy justo; ${tightWhy})` : ''}.`;
}

/** "Mide 4,801 mm de largo…" (the dimensions asked), then each against the customer's space. */
function dimensions(car: Car, asked: readonly Dimension[], space: Space): string {
  const parts = asked.flatMap((d) => {
    const size = DIMENSION[d].of(car);
    return size === null ? [] : [`${formatMm(size)} ${DIMENSION[d].label}`];
  });
  const size =
    parts.length > 0
      ? `Mide ${parts.join(', ')}.`
      : asked.length === 1
        ? `${capitalize(DIMENSION[asked[0]!].name)}: ${UNKNOWN}.`
        : `Medidas: ${UNKNOWN}.`;
  const fits = asked.flatMap((d) => {
    const limit = space[d];
    return limit === null ? [] : [fitLine(car, d, limit)];
  });
  // A missing size is already said by its fit line.
  if (parts.length === 0 && fits.length > 0) return fits.join('\n');
  return [size, ...fits].join('\n');
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** One sentence per attribute asked about; what the catalog lacks is said to be unknown. */
function answerLine(car: Car, attribute: CarAttribute, space: Space): string {
  switch (attribute) {
    case 'km':
      return `Tiene ${formatKm(car.km)}.`;
    case 'year':
      return `Es modelo ${car.year}.`;
    case 'version':
      return car.version ? `La versión es ${car.version}.` : `Versión: ${UNKNOWN}.`;
    case 'transmission':
      return car.transmission === null
        ? `Transmisión: ${UNKNOWN}; un asesor te lo puede confirmar.`
        : `Es de transmisión ${car.transmission === 'automatic' ? 'automática' : 'manual'}.`;
    case 'bluetooth':
      return yesNo(car, car.bluetooth, 'Bluetooth');
    case 'carplay':
      return yesNo(car, car.carplay, 'CarPlay');
    case 'dimensions':
      return dimensions(car, DIMENSIONS, space);
    case 'length':
    case 'width':
    case 'height':
      return dimensions(car, [attribute], space);
    case 'seats':
      return car.seats === null
        ? `Pasajeros: ${UNKNOWN} (depende de la versión); un asesor te lo puede confirmar.`
        : `Es para ${car.seats} pasajeros.`;
    case 'body_type':
      return car.bodyType === null
        ? `Tipo de carrocería: ${UNKNOWN}.`
        : `Es ${car.bodyType === 'suv' ? 'una' : 'un'} ${BODY_TYPE_LABELS[car.bodyType]}.`;
    case 'drivetrain':
      return drivetrainLine(car);
    case 'color':
      return `Color: ${UNKNOWN}; un asesor te lo puede confirmar.`;
    case 'fuel_economy':
      return `Rendimiento de combustible: ${UNKNOWN}; un asesor te lo puede confirmar.`;
    case 'doors': {
      const doors = doorsOf(car);
      return doors === null
        ? `Número de puertas: ${UNKNOWN}; un asesor te lo puede confirmar.`
        : `Es de ${doors} puertas.`;
    }
    case 'trunk':
      return `Tamaño de la cajuela: ${UNKNOWN}; un asesor te lo puede confirmar.`;
  }
}

/** Doors as the version says them ("5 PTAS."), else a sedan's four; null when the data does not say. */
function doorsOf(car: Car): number | null {
  const written = /\b([2-5])\s*(?:PTAS|PUERTAS|P)\b/i.exec(car.version ?? '');
  if (written) return Number(written[1]);
  return car.bodyType === 'sedan' ? 4 : null;
}

/** All-wheel or two-wheel drive, as its version says it ("2.5 LIMITED AWD AT"); else unknown. */
function drivetrainLine(car: Car): string {
  const drive = drivetrainFromVersion(car.version);
  if (drive === 'all') return `Sí, es de tracción integral: su versión dice ${car.version}.`;
  if (drive === 'two') return `No, es de tracción sencilla (2WD): su versión dice ${car.version}.`;
  return `Tracción: ${UNKNOWN}; un asesor te lo puede confirmar.`;
}

/** The facts of a car with its size and body, for questions about it and comparisons. */
export function carFactsWithBody(car: Car): Record<string, unknown> {
  const unknown = (value: number | string | null): number | string => value ?? 'sin dato';
  return {
    ...carFacts(car),
    bodyType: unknown(car.bodyType),
    seats: unknown(car.seats),
    drivetrain: drivetrainFromVersion(car.version) ?? 'sin dato',
    doors: unknown(doorsOf(car)),
    trunk: 'sin dato',
    lengthMm: unknown(car.lengthMm),
    widthMm: unknown(car.widthMm),
    heightMm: unknown(car.heightMm),
  };
}

/** A space given with no size asked ("mi cochera mide 4.5 m") asks for the car's measures. */
function askedAttributes(ctx: AgentContext): CarAttribute[] {
  const asked = ctx.entities.carQuestion;
  const { spaceLengthM, spaceWidthM, spaceHeightM } = ctx.entities;
  const givesSpace = spaceLengthM !== null || spaceWidthM !== null || spaceHeightM !== null;
  const asksSize = asked.some((a) => a === 'dimensions' || (DIMENSIONS as readonly string[]).includes(a));
  return givesSpace && !asksSize ? [...asked, 'dimensions'] : asked;
}

/** The same question about each car of the list just shown, one line per car. */
export function answerForList(ctx: AgentContext, cars: readonly Car[]): AgentAnswer {
  const asked = askedAttributes(ctx);
  useTool(ctx, 'catalog.carFacts', { stockIds: cars.map((c) => c.stockId), asked }, () =>
    cars.map(carFactsWithBody),
  );
  const lines = cars.map(
    (car, i) =>
      `${i + 1}. ${carTitle(car)} (ID ${car.stockId}): ${asked.map((a) => answerLine(car, a, garageOf(ctx))).join(' ')}`,
  );
  return {
    agent: 'cars',
    draft: [...lines, '¿Cuál te interesa más?'].join('\n'),
    facts: { cars: cars.map(carFactsWithBody), asked, ...spaceFacts(garageOf(ctx)) },
    phrase: true,
  };
}

/** The garage this message gives, or the one given earlier ("y el Versa, ¿ese sí cabe?"). */
function garageOf(ctx: AgentContext): Space {
  const e = ctx.entities;
  const prefs = ctx.profile.preferences;
  return {
    length: e.spaceLengthM ?? prefs.spaceLengthM,
    width: e.spaceWidthM ?? prefs.spaceWidthM,
    height: e.spaceHeightM ?? prefs.spaceHeightM,
  };
}

/** The space for the facts: what the customer gave, in metres. */
function spaceFacts(space: Space): Record<string, number> {
  return Object.fromEntries(
    DIMENSIONS.flatMap((d) => (space[d] === null ? [] : [[`space${capitalize(d)}M`, space[d]]])),
  );
}

/** "¿Cuántos km tiene?", "¿trae CarPlay?", "mi cochera mide 4.5 m, ¿cabe?": about one car. */
export function answerCarQuestion(ctx: AgentContext, car: Car): AgentAnswer {
  const asked = askedAttributes(ctx);
  useTool(ctx, 'catalog.carFacts', { stockId: car.stockId, asked }, () => carFactsWithBody(car));
  const lines = [
    // The price too: "¿cuánto cuesta el MG5, trae CarPlay?" asks both, and it is what anyone weighs.
    `Del ${carTitle(car)}, de ${formatMXN(car.priceCents)} (ID ${car.stockId}):`,
    ...asked.map((attribute) => answerLine(car, attribute, garageOf(ctx))),
    // Next to a visit being booked, the sales agent asks the next question.
    ...(ctx.otherAgents.includes('sales')
      ? []
      : ['¿Quieres que te calcule la mensualidad o agendamos una prueba de manejo?']),
  ];
  return {
    agent: 'cars',
    draft: lines.join('\n'),
    facts: { car: carFactsWithBody(car), asked, ...spaceFacts(garageOf(ctx)) },
    profilePatch: { carUnderDiscussion: car.stockId },
    phrase: true,
  };
}
