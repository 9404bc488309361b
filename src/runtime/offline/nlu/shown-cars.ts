import type { Entities } from '../../../core/intents/schema.js';
import type { HistoryTurn } from '../../../core/tasks.js';
import { fold } from '../../../tools/text/normalize.js';

/** A car the agent showed earlier: its stock id and the words of its line ("Volkswagen Jetta 2018 …"). */
interface ShownCar {
  stockId: string;
  line: string;
}

const ID_LINE = /^(.*)\(ID (\d+)\)/;
/** "El primero que me mandaste", "el 2do de hace rato": a list shown before the last one. */
const EARLIER =
  /\bque\s+(?:me\s+)?(?:mandaste|enviaste|pasaste|ensenaste|mostraste|compartiste|diste|pusiste)\b|\bde\s+hace\s+rato\b|\bde\s+(?:la\s+)?primera\s+lista\b|\bdel\s+principio\b|\bde\s+antes\b/;
/** "El Jetta", "ese Jetta", "la CX-5": a definite car, one already on the table. */
const DEFINITE = /\b(?:el|la|ese|esa|este|esta|del|al)\s+$/;

/** Lists of cars the agent's turns showed, oldest first; one list per agent turn. */
function shownLists(history: readonly HistoryTurn[]): ShownCar[][] {
  return history
    .filter((t) => t.role === 'agent')
    .map((t) =>
      t.text
        .split('\n')
        .map((line) => ID_LINE.exec(line))
        .filter((m) => m !== null)
        .map((m) => ({ stockId: m[2]!, line: ` ${fold(m[1]!).replace(/[^a-z0-9]+/g, ' ')} ` })),
    )
    .filter((list) => list.length > 0);
}

/**
 * The car the customer means among those shown before, as a stock id: "el primero que me
 * mandaste" is the first of the first list; "quiero ver el jetta" (to visit it) is the Jetta that
 * was shown, even when another list came after it.
 */
export function carShownBefore(
  text: string,
  entities: Entities,
  history: readonly HistoryTurn[],
  forSale: boolean,
  carStart: number | null,
): string | null {
  if (entities.stockId) return null;
  const lists = shownLists(history);
  if (lists.length === 0) return null;
  if (entities.pick !== null && EARLIER.test(text)) {
    return lists[0]![entities.pick - 1]?.stockId ?? null;
  }
  const name = entities.model ?? entities.make;
  if (!forSale || !name || carStart === null || !DEFINITE.test(text.slice(0, carStart))) return null;
  const words = ` ${fold(name).replace(/[^a-z0-9]+/g, ' ')} `;
  const year =
    entities.yearMin !== null && entities.yearMin === entities.yearMax ? ` ${entities.yearMin} ` : '';
  for (const list of [...lists].reverse()) {
    const car = list.find((c) => c.line.includes(words) && c.line.includes(year));
    if (car) return car.stockId;
  }
  return null;
}
