import type { Car } from '../../tools/catalog/types.js';
import { formatMXN } from '../../tools/money.js';

// Built on first use, like formatMXN's: creating it loads ICU data.
let km: Intl.NumberFormat | undefined;

export const FINANCING_DISCLAIMER =
  'Es una estimación con tasa de interés anual del 10%; la aprobación depende de la revisión de tu historial crediticio.';

export function formatKm(value: number): string {
  km ??= new Intl.NumberFormat('en-US');
  return `${km.format(value)} km`;
}

/** "Toyota Corolla 2020 1.8 LE AUTO" */
export function carTitle(car: Car): string {
  // "Mazda 3", "MG5": the model already names the make.
  const name = car.model.toLowerCase().startsWith(car.make.toLowerCase())
    ? car.model
    : `${car.make} ${car.model}`;
  return `${name} ${car.year} ${car.version}`;
}

/** One WhatsApp line per car; every figure comes from the catalog. */
export function carLine(car: Car, position?: number): string {
  const prefix = position === undefined ? '' : `${position}. `;
  return `${prefix}${carTitle(car)} · ${formatKm(car.km)} · ${formatMXN(car.priceCents)} (ID ${car.stockId})`;
}

export function carFeatures(car: Car): string {
  const parts: string[] = [];
  if (car.transmission)
    parts.push(car.transmission === 'automatic' ? 'transmisión automática' : 'transmisión manual');
  if (car.bluetooth) parts.push('Bluetooth');
  if (car.carplay) parts.push('CarPlay');
  return parts.join(', ');
}

/** The facts of a car as the agents hand them to the model and the judges. */
export function carFacts(car: Car): Record<string, unknown> {
  return {
    stockId: car.stockId,
    make: car.make,
    model: car.model,
    year: car.year,
    version: car.version,
    km: car.km,
    price: formatMXN(car.priceCents),
    transmission: car.transmission ?? 'sin dato',
    bluetooth: car.bluetooth === null ? 'sin dato' : car.bluetooth,
    carplay: car.carplay === null ? 'sin dato' : car.carplay,
  };
}

export function joinSpanish(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}
