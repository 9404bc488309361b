import type { SocialKind } from '../intents/schema.js';
import type { Agent } from './agent.js';

const NEXT =
  '¿Te ayudo con algo más? Puedo buscarte un auto, calcular tu financiamiento o agendar una visita.';
const PERSON = '¿Quieres que te comunique con un asesor de Kavak para que lo revise contigo personalmente?';

/** Alone, the whole answer; next to other answers, only the opening line. */
const REPLY: Record<SocialKind, { alone: string; brief: string }> = {
  thanks: { alone: `¡Con gusto! ${NEXT}`, brief: '¡Con gusto!' },
  goodbye: {
    alone:
      '¡Gracias por escribirnos! Aquí estoy cuando quieras retomar la búsqueda de tu auto. ¡Que tengas buen día!',
    brief: '¡Gracias por escribirnos!',
  },
  acknowledgement: { alone: `¡Perfecto! ${NEXT}`, brief: '¡Perfecto!' },
  compliment: { alone: `¡Muchas gracias, qué gusto leerte! ${NEXT}`, brief: '¡Muchas gracias!' },
  complaint: {
    alone: `Lamento mucho la mala experiencia, tienes razón en molestarte. ${PERSON}`,
    // Beside another answer the offer of a person is a statement: the other answer's question closes.
    brief:
      'Lamento mucho la mala experiencia. Si quieres, te comunico con un asesor de Kavak para revisarlo contigo.',
  },
  frustration: {
    alone: `Perdón por la confusión, entiendo tu molestia. Dime en pocas palabras qué necesitas y lo resolvemos. ${PERSON}`,
    brief: 'Perdón por la confusión, entiendo tu molestia.',
  },
};

/** Thanks, goodbyes, "ok", compliments, complaints: answered as such, never as "no te puedo ayudar". */
export const socialAgent: Agent = {
  name: 'social',
  run(ctx) {
    const kind: SocialKind = ctx.intent.entities.socialKind ?? ctx.entities.socialKind ?? 'acknowledgement';
    const alone = ctx.otherAgents.every((a) => a === 'social' || a === 'greeting');
    const apologises = kind === 'complaint' || kind === 'frustration';
    return {
      agent: 'social',
      draft: alone ? REPLY[kind].alone : REPLY[kind].brief,
      facts: { kind, offersPerson: alone && apologises },
      phrase: alone,
    };
  },
};
