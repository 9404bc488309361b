/**
 * The offline runtime's stand-in for a model translating a reply: the agents draft in Spanish
 * from a fixed set of sentence templates, so their English is a fixed set too. Each entry is one
 * template with its slots (car titles, prices, names) carried over untouched — figures are never
 * rewritten, so the grounding guard sees the tools' numbers. A sentence without an entry stays in
 * Spanish rather than being guessed word by word.
 */
import { detectLanguage } from '../../../tools/text/language.js';
import { literalPrefix, type Entry } from './entry.js';
import { CAR_FACT_PHRASES } from './car-fact-phrases.js';
import { FINANCING_PHRASES } from './financing-phrases.js';
import { KNOWLEDGE_PHRASES } from './knowledge-phrases.js';
import { SHOPPING_PHRASES } from './shopping-phrases.js';

/** Whole sentences first: the short fragments further down would split them. */
const SENTENCES: readonly Entry[] = [
  ...KNOWLEDGE_PHRASES,
  ...FINANCING_PHRASES,
  ...CAR_FACT_PHRASES,
  ...SHOPPING_PHRASES,
];

const ENTRIES: readonly Entry[] = [
  ...SENTENCES,
  // Greeting and identity
  [/¡Hola de nuevo(,? [^!]*)?!/g, 'Hi again$1!'],
  [/¡Hola(,? [^!]*)?! ?👋 Soy el asistente virtual de Kavak\./g, 'Hi$1! 👋 I am Kavak’s virtual assistant.'],
  [/¡Hola! ¿En qué te puedo ayudar\?/g, 'Hi! How can I help you?'],
  [/Soy el asistente virtual de Kavak \(un bot\)\./g, 'I am Kavak’s virtual assistant (a bot).'],
  [
    /Te ayudo a encontrar tu auto seminuevo, calcular tu plan de financiamiento o agendar una visita\./g,
    'I can help you find your pre-owned car, work out your financing plan or book a visit.',
  ],
  [
    /Puedo ayudarte a encontrar un auto seminuevo, calcular tu plan de financiamiento, resolver dudas sobre Kavak o agendar una visita\./g,
    'I can help you find a pre-owned car, work out your financing plan, answer questions about Kavak or book a visit.',
  ],
  [/¿Qué auto estás buscando\?/g, 'What car are you looking for?'],
  [
    /Si prefieres, te comunico con un asesor\./g,
    'If you prefer, I can put you in touch with a Kavak advisor.',
  ],
  [/Perdón, con eso no te puedo ayudar\./g, 'Sorry, I can’t help with that.'],
  [
    /Con eso no te puedo ayudar: no apoyo nada que vaya contra la ley\./g,
    'I can’t help with that: I don’t support anything against the law.',
  ],
  [/¿Qué te interesa\?/g, 'What are you interested in?'],
  // Cars
  [/Encontré esta opción en nuestro catálogo:/g, 'I found this option in our catalog:'],
  [/Encontré una opción más económica:/g, 'I found a cheaper option:'],
  [/Estas opciones son más económicas:/g, 'These options are cheaper:'],
  [/Tengo (\d[\d,]*) opciones; te comparto las mejores:/g, 'I have $1 options; here are the best ones:'],
  [/Tengo (\d[\d,]*) opciones para ti:/g, 'I have $1 options for you:'],
  [/Este es el (.+?):/g, 'This is the $1:'],
  [/^- Kilometraje:/gm, '- Mileage:'],
  [/^- Precio:/gm, '- Price:'],
  // A car line's price reads as one in English: "· 100,618 km · priced at $222,999.00 (ID …)".
  [/^((?:\d+\. )?[^\n]+? · \d[\d,]* km · )(\$[\d,.]+ \(ID \d+\))/gm, '$1priced at $2'],
  [/^- Equipo:/gm, '- Features:'],
  [/^- Transmisión:/gm, '- Transmission:'],
  [/^- Versión:/gm, '- Version:'],
  [/¿Te interesa este\?/g, 'Are you interested in this one?'],
  [/¿Te interesa alguno\?/g, 'Are you interested in any of them?'],
  [
    /Te calculo la mensualidad o te agendo una visita\./g,
    'I can work out the monthly payment or book you a visit.',
  ],
  [
    /¿Alguno te sirve o buscamos con otros datos\?/g,
    'Does any of them work for you, or shall we search again?',
  ],
  [
    /No encontré autos con esos datos\. ¿Buscamos con otro presupuesto, año o modelo\?/g,
    'I found no cars matching that. Shall we try another budget, year or model?',
  ],
  [/No encontré autos con todo lo que pides\./g, 'I found no cars with everything you ask for.'],
  [/Por ahora no tenemos (.+?) en nuestro catálogo\./g, 'We have no $1 in our catalog right now.'],
  // The kind of car a missing model is: "De pickups, tengo este:".
  [/^De sedanes, tengo (?:este|estos):/gm, 'In sedans, this is what I have:'],
  [
    /^De (pickups|hatchbacks|SUVs|minivans|vans|convertibles), tengo (?:este|estos):/gm,
    'In $1, this is what I have:',
  ],
  [/^De coupés, tengo (?:este|estos):/gm, 'In coupes, this is what I have:'],
  [
    /^No tengo (.+?) con eso; de otros modelos, tengo (?:este|estos):/gm,
    'I have no $1 like that; in other models, this is what I have:',
  ],
  [
    /^No tengo otro (.+?) más barato; de otros modelos, más económicos:/gm,
    'I have no cheaper $1; in other models, cheaper ones:',
  ],
  [/Sí, el (.+?) tiene (.+?)\./g, 'Yes, the $1 has $2.'],
  [
    /No tengo el dato de (.+?) del (.+?) en el catálogo; un asesor te lo puede confirmar\./g,
    'Our catalog does not say whether the $2 has $1; an advisor can confirm it for you.',
  ],
  [
    /¿Qué presupuesto tienes o qué modelo te interesa\? Así te muestro opciones más a tu medida\./g,
    'What is your budget, or which model do you like? Then I can show you options that fit.',
  ],
  // Financing
  [/Para el (.+?) \(ID (\d+)\), con precio de (\$[\d,.]+):/g, 'For the $1 (ID $2), priced at $3:'],
  [
    /Con un enganche de (\$[\d,.]+) \((\d+(?:\.\d+)?)%\), financias (\$[\d,.]+)\./g,
    'With a down payment of $1 ($2%), you finance $3.',
  ],
  [/^- (\d+) meses \((\d+) años?\): (\$[\d,.]+) al mes$/gm, '- $1 months ($2 years): $3 a month'],
  [
    /Pagarías en total (\$[\d,.]+) \(intereses: (\$[\d,.]+)\)\./g,
    'You would pay $1 in total (interest: $2).',
  ],
  [
    /Es una estimación con tasa de interés anual del (\d+)%; la aprobación depende de la revisión de tu historial crediticio\./g,
    'This is an estimate at a $1% annual interest rate; approval depends on a review of your credit history.',
  ],
  [
    /¿Te gustaría apartarlo o agendar una prueba de manejo\?/g,
    'Would you like to reserve it or book a test drive?',
  ],
  [
    /¿Quieres que te calcule la mensualidad o prefieres agendar una prueba de manejo\?/g,
    'Shall I work out the monthly payment, or would you rather book a test drive?',
  ],
  [/¿Cuál plazo te acomoda\?|¿Qué plazo te acomoda más\?/g, 'Which term suits you best?'],
  [
    /¿Cuánto te gustaría dar de enganche\? Con eso te doy la cifra exacta\./g,
    'How much would you like to put down? Then I can give you the exact figure.',
  ],
  [
    /^¡Claro! El enganche mínimo es del (\d+)% del precio del auto y los plazos van de (\d+) a (\d+) meses \((\d+) a (\d+) años\), con tasa de interés anual del (\d+)%\./gm,
    'Sure! The minimum down payment is $1% of the car’s price, and terms run from $2 to $3 months ($4 to $5 years), at an annual interest rate of $6%.',
  ],
  [
    /¿Para qué auto quieres calcular el financiamiento\? Dime el modelo o el ID del auto y cuánto darías de enganche\./g,
    'Which car should I work out the financing for? Tell me the model or the car’s ID and how much you would put down.',
  ],
  // Price is fixed
  [
    /Los precios de Kavak son fijos, los mismos que ves publicados: no negociamos el precio\./g,
    'Kavak’s prices are fixed, the same ones you see published: we do not negotiate the price.',
  ],
  [
    /El precio del (.+?) es de (\$[\d,.]+) y es fijo: en Kavak no negociamos el precio\./g,
    'The price of the $1 is $2 and it is fixed: at Kavak we do not negotiate prices.',
  ],
  [/Lo que sí te puedo ofrecer:/g, 'What I can offer you:'],
  [
    /financiamiento a (\d+)–(\d+) años con enganche desde (\$[\d,.]+) \((\d+)%\)/g,
    'financing over $1–$2 years with a down payment from $3 ($4%)',
  ],
  [
    /financiamiento a (\d+)–(\d+) años con enganche desde el (\d+)% del precio/g,
    'financing over $1–$2 years with a down payment from $3% of the price',
  ],
  [/, dejar tu auto actual a cuenta/g, ', taking your current car as part of the payment'],
  [/, o buscarte autos que entren en tu presupuesto/g, ', or finding you cars that fit your budget'],
  [/¿Te calculo el plan\?/g, 'Shall I work out the plan?'],
  // Social
  [/¡Con gusto!/g, 'You’re welcome!'],
  [/¡Perfecto!/g, 'Great!'],
  [/¡Muchas gracias, qué gusto leerte!/g, 'Thank you so much, lovely to hear that!'],
  [/¡Muchas gracias!/g, 'Thank you so much!'],
  [
    /¡Gracias por escribirnos! Aquí estoy cuando quieras retomar la búsqueda de tu auto\. ¡Que tengas buen día!/g,
    'Thanks for writing to us! I am here whenever you want to pick up your car search again. Have a great day!',
  ],
  [/¡Gracias por escribirnos!/g, 'Thanks for writing to us!'],
  [
    /¿Te ayudo con algo más\? Puedo buscarte un auto, calcular tu financiamiento o agendar una visita\./g,
    'Can I help with anything else? I can find you a car, work out your financing or book a visit.',
  ],
  [
    /Lamento mucho la mala experiencia, tienes razón en molestarte\./g,
    'I am very sorry about the bad experience; you are right to be upset.',
  ],
  [/Lamento mucho la mala experiencia\./g, 'I am very sorry about the bad experience.'],
  [
    /Si quieres, te comunico con un asesor de Kavak para revisarlo contigo\./g,
    'If you like, I can put you in touch with a Kavak advisor to look into it with you.',
  ],
  [
    /Perdón por la confusión, entiendo tu molestia\./g,
    'Sorry for the confusion, I understand your frustration.',
  ],
  [
    /Dime en pocas palabras qué necesitas y lo resolvemos\./g,
    'Tell me briefly what you need and we will sort it out.',
  ],
  [
    /¿Quieres que te comunique con un asesor de Kavak para que lo revise contigo personalmente\?/g,
    'Would you like me to put you in touch with a Kavak advisor to go over it with you personally?',
  ],
  // Sales
  [/¡Con gusto te ayudo con (.+?)!/g, 'Happy to help you with $1!'],
  [/¡Gracias, ([^!]+)! Con gusto te ayudo con (.+?)\./g, 'Thanks, $1! Happy to help you with $2.'],
  [/Un asesor de Kavak te confirmará por este medio\./g, 'A Kavak advisor will confirm it with you here.'],
  [/Para registrarlo, ¿me compartes (.+?)\?/g, 'To book it, could you tell me $1?'],
  [
    /El monto y la vigencia del apartado no los tengo publicados: un asesor de Kavak te los confirma al registrar tu solicitud\./g,
    "I don't have the reservation's amount or how long it holds the car published: a Kavak advisor confirms both when your request is registered.",
  ],
  [/qué auto te interesa/g, 'which car you are interested in'],
  [/en qué ciudad estás/g, 'which city you are in'],
  [/qué día y hora te acomodan/g, 'what day and time suit you'],
  [/tu nombre( y | o )/g, 'your name$1'],
  [/tu nombre/g, 'your name'],
  [/ y (which|what|your)/g, ' and $1'],
  [/el apartado/g, 'the reservation'],
  [/tu compra/g, 'your purchase'],
  [/la atención de un asesor/g, 'an advisor'],
  [/ del ([A-Z][^()\n]*?) \(ID (\d+)\)/g, ' for the $1 (ID $2)'],
  [/Registré tu solicitud de/g, 'I registered your request for'],
  [/en la sede ([^,(\n]+?) \(([^)]+)\)/g, 'at the $1 branch ($2)'],
  [/con entrega en tu domicilio en/g, 'with delivery to your home in'],
  [/ en tu domicilio(?=[!.,])/g, ' at your home'],
  [/¡Listo, ([^!]+)!/g, 'Done, $1!'],
  [/una visita/g, 'a visit'],
  [/una prueba de manejo/g, 'a test drive'],
  // Not known
  [
    /No tengo ese dato y prefiero no darte información incorrecta;/g,
    'I do not have that information and would rather not tell you something wrong;',
  ],
];

/** Each entry with the text its matches start with, to skip the ones a paragraph cannot match. */
const PREPARED = ENTRIES.map(
  ([spanish, english]) => [spanish, english, literalPrefix(spanish), spanish.flags.includes('i')] as const,
);

/** A Spanish "y" left between the items of a list once the rest of the paragraph is English. */
const LIST_AND = / y (?=\S)/g;

/** Said before a part the phrasebook cannot put into English (knowledge-base text is Spanish). */
const STILL_SPANISH_NOTE = 'This part of our information is only available in Spanish:';

export function toEnglish(draft: string): string {
  let noted = false;
  return draft
    .split(/\n{2,}/)
    .map((paragraph) => {
      let text = paragraph;
      for (const [spanish, english, prefix, caseless] of PREPARED) {
        if (prefix && !(caseless ? text.toLowerCase() : text).includes(prefix)) continue;
        text = text.replace(spanish, english);
      }
      const joined = text.replace(LIST_AND, ' and ');
      if (detectLanguage(joined) !== 'es') return joined;
      if (noted) return text;
      noted = true;
      return `${STILL_SPANISH_NOTE}\n${text}`;
    })
    .join('\n\n');
}
