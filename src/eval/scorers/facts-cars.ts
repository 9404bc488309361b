import type { CarConstraints } from '../golden-set/schema.js';
import type { Car, Catalog } from '../../tools/catalog/types.js';
import { formatMXN, pesosToCents } from '../../tools/money.js';
import { carReferences, findCarMentions, type CarReference } from './car-mentions.js';
import { ok, violation, type Finding } from './findings.js';
import type { FigureRole, MoneyFigure } from '../../tools/text/money-figures.js';
import { fold } from '../../tools/text/normalize.js';

/** A car the reply offers (not a negated mention), with the catalog cars it can be. */
export interface NamedCar {
  reference: CarReference;
  label: string;
  /** Catalog cars matching the mention (and the price stated next to it); [] when invented. */
  candidates: Car[];
  /** The one car meant, when the mention pins it down (a stock id, or a single match). */
  car: Car | undefined;
}

/** Finds the cars a reply offers and checks each exists and is priced as in the catalog. */
export function checkNamedCars(
  text: string,
  figures: readonly (MoneyFigure & { role: FigureRole })[],
  catalog: Catalog,
): { cars: NamedCar[]; findings: Finding[] } {
  const cars: NamedCar[] = [];
  const findings: Finding[] = [];
  for (const reference of carReferences(text, findCarMentions(text, catalog))) {
    if (reference.negated) continue;
    const named = resolve(reference, catalog, findings);
    for (const figure of figures) {
      if (figure.role !== 'price' || figure.start < reference.start || figure.start >= reference.end)
        continue;
      if (named.candidates.length === 0) continue;
      const priced = named.candidates.filter((car) => car.priceCents === figure.cents);
      if (priced.length > 0) {
        findings.push(ok(`${named.label} priced ${figure.text}`));
        named.candidates = priced;
      } else {
        const actual = [...new Set(named.candidates.map((car) => formatMXN(car.priceCents)))]
          .slice(0, 3)
          .join(' or ');
        findings.push(
          violation(`price ${figure.text} stated for ${named.label}, but the catalog price is ${actual}`),
        );
      }
    }
    named.car = named.candidates.length === 1 ? named.candidates[0] : named.car;
    cars.push(named);
  }
  return { cars, findings };
}

function resolve(reference: CarReference, catalog: Catalog, findings: Finding[]): NamedCar {
  const byId = reference.mentions.find((mention) => mention.kind === 'stock_id');
  const byName = reference.mentions.find((mention) => mention.kind !== 'stock_id');
  const label = `"${(byName ?? byId)!.text.trim()}"`;
  if (byId?.stockId !== undefined) {
    const car = catalog.byStockId(byId.stockId);
    if (!car) {
      findings.push(violation(`stock id ${byId.stockId} is not in the catalog`));
      return { reference, label, candidates: [], car: undefined };
    }
    if (byName && (byName.kind === 'unknown' || byName.model !== car.model || byName.year !== car.year)) {
      findings.push(
        violation(
          `ID ${car.stockId} is a ${car.make} ${car.model} ${car.year}, but the reply calls it ${label}`,
        ),
      );
    } else findings.push(ok(`ID ${car.stockId} exists`));
    return { reference, label, candidates: [car], car };
  }
  if (!byName || byName.kind === 'unknown') {
    findings.push(
      violation(
        `${label} is not in the catalog (${byName?.make ?? 'the catalog'} has no ${byName?.model ?? 'such car'})`,
      ),
    );
    return { reference, label, candidates: [], car: undefined };
  }
  const candidates = catalog.cars.filter(
    (car) => car.model === byName.model && car.make === byName.make && car.year === byName.year,
  );
  if (candidates.length === 0)
    findings.push(
      violation(`${label} is not in the catalog (no ${byName.make} ${byName.model} ${byName.year})`),
    );
  else findings.push(ok(`${label} exists`));
  return { reference, label, candidates, car: candidates.length === 1 ? candidates[0] : undefined };
}

/** Each offered car must honour the case's constraints (some catalog car it can be does). */
export function checkConstraints(
  cars: readonly NamedCar[],
  constraints: CarConstraints,
  catalog: Catalog,
): Finding[] {
  return cars
    .filter((named) => named.candidates.length > 0)
    .map((named) => {
      const broken = named.candidates.map((car) => brokenConstraints(car, constraints, catalog));
      if (broken.some((list) => list.length === 0)) return ok(`${named.label} meets the constraints`);
      return violation(`${named.label} does not meet ${broken[0]!.join(', ')}`);
    });
}

export function brokenConstraints(car: Car, c: CarConstraints, catalog: Catalog): string[] {
  const broken: string[] = [];
  const same = (a: string, b: string) => fold(a) === fold(b);
  if (c.make !== undefined && !same(catalog.resolveMake(c.make)?.make ?? c.make, car.make))
    broken.push(`make ${c.make} (is ${car.make})`);
  if (c.model !== undefined && !same(catalog.resolveModel(c.model, c.make)?.model ?? c.model, car.model)) {
    broken.push(`model ${c.model} (is ${car.model})`);
  }
  if (c.yearMin !== undefined && car.year < c.yearMin) broken.push(`yearMin ${c.yearMin} (is ${car.year})`);
  if (c.yearMax !== undefined && car.year > c.yearMax) broken.push(`yearMax ${c.yearMax} (is ${car.year})`);
  if (c.priceMax !== undefined && car.priceCents > pesosToCents(c.priceMax))
    broken.push(`priceMax ${c.priceMax} (is ${formatMXN(car.priceCents)})`);
  if (c.priceMin !== undefined && car.priceCents < pesosToCents(c.priceMin))
    broken.push(`priceMin ${c.priceMin} (is ${formatMXN(car.priceCents)})`);
  if (c.kmMax !== undefined && car.km > c.kmMax) broken.push(`kmMax ${c.kmMax} (is ${car.km})`);
  if (c.transmission !== undefined && car.transmission !== c.transmission)
    broken.push(`transmission ${c.transmission} (is ${car.transmission ?? 'unknown'})`);
  if (c.carplay !== undefined && car.carplay !== c.carplay)
    broken.push(`carplay ${c.carplay} (is ${car.carplay ?? 'unknown'})`);
  if (c.bluetooth !== undefined && car.bluetooth !== c.bluetooth)
    broken.push(`bluetooth ${c.bluetooth} (is ${car.bluetooth ?? 'unknown'})`);
  if (c.bodyTypes !== undefined && (car.bodyType === null || !c.bodyTypes.includes(car.bodyType)))
    broken.push(`bodyTypes ${c.bodyTypes.join('/')} (is ${car.bodyType ?? 'unknown'})`);
  if (c.seatsMin !== undefined && (car.seats === null || car.seats < c.seatsMin))
    broken.push(`seatsMin ${c.seatsMin} (is ${car.seats ?? 'unknown'})`);
  return broken;
}
