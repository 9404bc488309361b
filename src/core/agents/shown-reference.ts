import type { Car } from '../../tools/catalog/types.js';
import type { AgentAnswer, AgentContext } from './agent.js';
import { useTool } from './agent.js';
import { answerCarQuestion, answerForList } from './car-facts.js';
import { carFacts, carLine, joinSpanish } from './format.js';
import { shownCarsReferred } from './shown-cars.js';

/**
 * Round 3, item 3: "el de 2019", "el hatchback 2018 cuánto mide de ancho?": the shown car that
 * matches, described (or the question answered about THAT car); several matches are listed to
 * choose from; a colour is said to be unknown. No match: undefined, and the agent searches.
 */
export function shownReferenceAnswer(
  ctx: AgentContext,
  describe: (car: Car) => AgentAnswer,
): AgentAnswer | undefined {
  // Only a reference reads the shown cars: other turns' traces stay as they were.
  if (ctx.entities.shownReference !== true) return undefined;
  const referred = useTool(
    ctx,
    'catalog.shownReferred',
    { stockIds: ctx.profile.lastRecommended },
    () => shownCarsReferred(ctx) ?? null,
  );
  if (!referred) return undefined;
  const { cars, unknown } = referred;
  const colourNote = unknown.length
    ? `El catálogo no registra ${joinSpanish(unknown)}, así que no te puedo decir cuál es; un asesor te lo confirma.`
    : null;
  const onlyColour = colourNote !== null && cars.length === referred.shown;
  if (cars.length === 1 && !onlyColour) {
    const car = cars[0]!;
    const answer = ctx.entities.carQuestion.length > 0 ? answerCarQuestion(ctx, car) : describe(car);
    return colourNote ? { ...answer, draft: `${colourNote}\n${answer.draft}` } : answer;
  }
  if (cars.length === 0) return undefined;
  // "las hatchback son automáticas?" with two on the table: the answer for each.
  if (ctx.entities.carQuestion.length > 0 && !onlyColour) {
    const answer = answerForList(ctx, cars);
    return colourNote ? { ...answer, draft: `${colourNote}\n${answer.draft}` } : answer;
  }
  const lines = [
    ...(colourNote ? [colourNote] : []),
    onlyColour ? 'Estos son los que te mostré:' : 'De los que te mostré, coinciden estos:',
    // Bulleted, not numbered: "el segundo" still counts in the list shown before.
    ...cars.map((car) => `- ${carLine(car)}`),
    '¿Cuál de ellos te interesa?',
  ];
  return {
    agent: 'cars',
    draft: lines.join('\n'),
    facts: { cars: cars.map(carFacts), featuresWithoutData: unknown },
    phrase: true,
  };
}
