import type { Agent } from './agent.js';

export const greetingAgent: Agent = {
  name: 'greeting',
  run(ctx) {
    const name = ctx.profile.name ? ` ${ctx.profile.name}` : '';
    const alone = ctx.otherAgents.length === 0;
    const hello = ctx.profile.greeted
      ? `¡Hola de nuevo${name}!`
      : `¡Hola${name}! 👋 Soy el asistente virtual de Kavak.`;
    const draft = alone
      ? `${hello} Te ayudo a encontrar tu auto seminuevo, calcular tu plan de financiamiento o agendar una visita. ¿Qué auto estás buscando?`
      : hello;
    return {
      agent: 'greeting',
      draft,
      facts: { customerName: ctx.profile.name },
      profilePatch: { greeted: true },
      phrase: alone,
    };
  },
};
