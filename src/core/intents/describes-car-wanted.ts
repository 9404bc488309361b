import type { Entities } from './schema.js';

/**
 * "¿y automático?", "¿y algo japonés?": the message says what the car to buy should be, so it
 * is a search, not a follow-up of an answer about Kavak (a mileage or a date may be one: "¿y si
 * ya le metí 400 km?").
 */
export function describesCarWanted(e: Entities): boolean {
  return (
    e.transmission !== null ||
    e.bodyTypes.length > 0 ||
    e.makeOrigin !== null ||
    e.priceMax !== null ||
    e.seatsMin !== null ||
    e.carplay !== null ||
    e.bluetooth !== null
  );
}
