/**
 * The financing and affordability agents' sentences: plans, refusals of the financing tool and
 * "what can I afford". Every amount is a slot, so the tool's figures pass through untouched.
 */
import { template, type Entry } from './entry.js';

export const FINANCING_PHRASES: readonly Entry[] = [
  // The financing tool's refusals
  [/El precio del auto no es válido\./g, 'The car’s price is not valid.'],
  [
    /El plazo debe ser de (\d+) a (\d+) años \((\d+), (\d+), (\d+) o (\d+) meses\)\./g,
    'The term must be $1 to $2 years ($3, $4, $5 or $6 months).',
  ],
  [
    template(String.raw`El enganche mínimo es el (\d+)% del precio: {money}\.`),
    'The minimum down payment is $1% of the price: $2.',
  ],
  [
    template(
      String.raw`Con un enganche de {money} cubres el precio completo \({money}\): no hace falta financiamiento\.`,
    ),
    'With a down payment of $1 you cover the full price ($2): no financing needed.',
  ],
  [/La mensualidad debe ser mayor a cero\./g, 'The monthly payment must be more than zero.'],
  [
    template(String.raw`Con {money} al mes no alcanza para financiar un auto\.`),
    '$1 a month is not enough to finance a car.',
  ],
  // A plan held to the most the customer can pay a month
  [
    template(String.raw`Queda dentro de tu máximo de {money} al mes\.`),
    'It stays within your maximum of $1 a month.',
  ],
  [
    template(String.raw`Todos los plazos quedan dentro de tu máximo de {money} al mes\.`),
    'Every term stays within your maximum of $1 a month.',
  ],
  [
    template(
      String.raw`Con ese enganche ningún plazo queda en {money} al mes o menos: sube el enganche o te busco un auto más económico\.`,
    ),
    'With that down payment no term comes to $1 a month or less: raise the down payment, or I can find you a cheaper car.',
  ],
  [
    template(
      String.raw`Se pasa de tu máximo de {money} al mes: sube el enganche o el plazo, o te busco un auto más económico\.`,
    ),
    'It goes over your maximum of $1 a month: raise the down payment or the term, or I can find you a cheaper car.',
  ],
  [
    template(
      String.raw`Se pasa de tu máximo de {money} al mes: sube el enganche o te busco un auto más económico\.`,
    ),
    'It goes over your maximum of $1 a month: raise the down payment, or I can find you a cheaper car.',
  ],
  [
    template(String.raw`Dentro de tu máximo de {money} al mes quedan los plazos de ([\d, ]+) meses\.`),
    'Within your maximum of $1 a month are the terms of $2 months.',
  ],
  // A plan for one car
  [
    template(String.raw`El enganche que mencionas \({money}\) es menor al mínimo\.`),
    'The down payment you mention ($1) is below the minimum.',
  ],
  [/No manejamos plazo de (\d+) años:/g, 'We do not offer a $1-year term:'],
  [/el plazo va de (\d+) a (\d+) años\./g, 'the term goes from $1 to $2 years.'],
  [
    template(String.raw`Con un enganche mínimo \((\d+)%\) de {money}, financias {money}\.`),
    'With the minimum down payment ($1%) of $2, you finance $3.',
  ],
  [template(String.raw`^- (\d+) meses: {money} al mes$`, 'gm'), '- $1 months: $2 a month'],
  [
    template(String.raw`Para pagar como máximo {money} al mes por el (.+?) \(ID (\d+), {money}\):`),
    'To pay at most $1 a month for the $2 (ID $3, $4):',
  ],
  [/ \(el mínimo de (\d+)%\)/g, ' (the $1% minimum)'],
  [
    template(String.raw`^- A (\d+) meses: enganche de {money}(.*?), mensualidad de {money}$`, 'gm'),
    '- Over $1 months: down payment of $2$3, monthly payment of $4',
  ],
  [
    /No tengo un (.+?) con esas características en el catálogo para calcularte el plan\. ¿Quieres que te muestre opciones parecidas\?/g,
    'I do not have a $1 like that in the catalog to work out the plan. Shall I show you similar options?',
  ],
  // What the customer can afford
  [template(String.raw`{money} de enganche`), '$1 down'],
  [/(\d+)% de enganche/g, '$1% down'],
  [/el enganche mínimo \((\d+)% del precio\)/g, 'the minimum down payment ($1% of the price)'],
  [
    template(
      String.raw`Con {money} al mes, (.+?) y (\d+) meses de plazo, te alcanza un auto de hasta {money}\.`,
    ),
    'With $1 a month, $2 and a $3-month term, you can afford a car of up to $4.',
  ],
  [
    /Ese tope lo pone el enganche: debe ser al menos el (\d+)% del precio del auto\./g,
    'That cap comes from the down payment: it must be at least $1% of the car’s price.',
  ],
  [/el plazo más largo, (\d+) meses \((\d+) años\)/g, 'the longest term, $1 months ($2 years)'],
  [/el enganche mínimo del (\d+)% de cada auto/g, 'the minimum down payment of $1% of each car'],
  [
    /Supuse (.+?); si quieres otro, dime y lo recalculo\./g,
    'I assumed $1; if you want something else, tell me and I will recalculate.',
  ],
  [/Estas opciones entran en ese plan, (.+?) primero:/g, 'These options fit that plan, $1 first:'],
  // The cars agent's ordered list ("Tengo 38 opciones; te comparto los de menos kilometraje:").
  [/Tengo (\d[\d,]*) opciones; te comparto (?=l[oa]s (?!mejores:))/g, 'I have $1 options; here are '],
  [/Tengo (\d[\d,]*) opciones, (l[oa]s [^\n]+?) primero:/g, 'I have $1 options, $2 first:'],
  [/los de precio más cercano/g, 'those closest in price'],
  [/los más económicos/g, 'the cheapest'],
  [/los de mayor precio/g, 'the most expensive'],
  [/los más recientes/g, 'the newest'],
  [/los de año más antiguo/g, 'the oldest'],
  [/los de menos kilometraje/g, 'the ones with the lowest mileage'],
  [/los de más kilometraje/g, 'the ones with the highest mileage'],
  [/los más grandes/g, 'the largest'],
  [/los más compactos/g, 'the most compact'],
  [template(String.raw` → enganche {money}, {money} al mes$`, 'gm'), ' → down payment $1, $2 a month'],
  [template(String.raw` → {money} al mes$`, 'gm'), ' → $1 a month'],
  [
    /¿Te interesa alguno\? Te doy el plan completo o agendamos una visita\./g,
    'Are you interested in any of them? I can give you the full plan or we can book a visit.',
  ],
  [
    /No tengo autos en el catálogo que entren en ese plan con lo que buscas\. ¿Ajustamos la mensualidad, el enganche o el modelo\?/g,
    'I have no cars in the catalog that fit that plan with what you are looking for. Shall we adjust the monthly payment, the down payment or the model?',
  ],
  [
    /¿Con qué mensualidad o enganche te gustaría que lo calculemos\?/g,
    'What monthly payment or down payment would you like me to work it out with?',
  ],
];
