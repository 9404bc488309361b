import type { Agent } from './agent.js';

const OFFER =
  'Puedo ayudarte a encontrar un auto seminuevo, calcular tu plan de financiamiento, resolver dudas sobre Kavak o agendar una visita.';

/** The topic the intents model gives a question about who is answering ("¿eres un bot?"). */
export const IDENTITY_TOPIC = 'bot';

/** The topic of a request against the law ("una factura más baja pa pagar menos impuestos"). */
export const ILLEGAL_TOPIC = 'ilegal';

/** Polite redirect to what Kavak can help with. It states no fact, so it cannot invent one. */
export const fallbackAgent: Agent = {
  name: 'fallback',
  run(ctx) {
    const meaningful = /[\p{L}\p{N}]/u.test(ctx.message);
    let draft: string;
    let reason: string;
    if (!meaningful) {
      reason = 'empty';
      draft = `¡Hola! ¿En qué te puedo ayudar? ${OFFER}`;
    } else if (ctx.intent.entities.topic === IDENTITY_TOPIC) {
      reason = 'identity';
      draft = `Soy el asistente virtual de Kavak (un bot). ${OFFER} Si prefieres, te comunico con un asesor.`;
    } else if (ctx.intent.entities.topic === 'instrucciones') {
      // An attempt to rewrite the rules (the intent model says so): no discount or role change.
      reason = 'injection';
      draft = `No puedo cambiar mis instrucciones: sigo siendo el asistente de Kavak y los precios son los publicados. ${OFFER}`;
    } else if (ctx.intent.entities.topic === ILLEGAL_TOPIC) {
      reason = 'illegal';
      draft = `Con eso no te puedo ayudar: no apoyo nada que vaya contra la ley. ${OFFER}`;
    } else {
      reason = 'out_of_scope';
      draft = `Perdón, con eso no te puedo ayudar. ${OFFER} ¿Qué te interesa?`;
    }
    return { agent: 'fallback', draft, facts: { reason }, phrase: true };
  },
};
