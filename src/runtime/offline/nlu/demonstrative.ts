import type { Entities } from '../../../core/intents/schema.js';
import type { Profile } from '../../../core/profile.js';

/**
 * "¿cuánto cuesta ese?", "esa trae carplay?", "y aquel de que año es": a singular demonstrative
 * standing for a car, not one before a day, a time or a money word ("este sábado", "ese precio");
 * "eso" and the plurals ("de esos") are not it, nor the verb ("¿en cuánto está?", "¿cómo está?").
 */
const SINGULAR_REFERENCE =
  /(?<!\b(?:cuanto|como|donde|que\s+tal|ya|si|no)\s)\b(?:ese|esa|este|esta|aquel|aquella)\b(?!\s+(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|fin|semana|mes|ano|dia|momento|rato|tarde|noche|manana|vez|tipo|punto|tema|plan|precio|presupuesto|rango|range|monto|enganche|plazo|credito|horario|numero|correo|medio)\b)/;

/**
 * The stock id a singular "ese" points at: the car in focus, when the last answer was about that
 * one car (a single result, or the one a superlative picked), never a guess among a list.
 */
export function carReferredTo(text: string, profile: Profile, found: Entities): string | null {
  // "está carísima, ¿no hay otra más barata?": "esta" is the car to beat, the search is for another.
  // "y el 2020 en cuánto está": a year named is another car of the model ("está" is a verb there).
  if (
    found.make ||
    found.model ||
    found.stockId ||
    found.pick !== null ||
    found.cheaper === true ||
    found.yearMin !== null
  )
    return null;
  const focus = profile.carUnderDiscussion;
  const list = profile.lastRecommended;
  // "y el otro?" after two cars, one of them in focus: the one that is not.
  if (focus && list.length === 2 && list.includes(focus) && OTHER_ONE.test(text))
    return list.find((id) => id !== focus) ?? null;
  if (!focus || !SINGULAR_REFERENCE.test(text)) return null;
  return list.length <= 1 || list[0] !== focus ? focus : null;
}

/** "el otro", "la otra": not "otro color", "otra opción", "otro modelo" (a new search). */
const OTHER_ONE = /\b(?:el|la)\s+otr[oa]\b(?!\s+(?:color|opcion|modelo|marca|version|ano|dia|semana|sede))/;
