import type { NormalizedText } from './normalize.js';
import { originalSlice } from './normalize.js';
import type { Span } from '../../../tools/text/span.js';

const INTRO =
  /\b(me\s+llamo|mi\s+nombre\s+es|yo\s+soy|soy|my\s+name\s+is|name\s+s|names|call\s+me|i\s+am|i\s+m|im|this\s+is)\s+([a-z]+(?:\s+[a-z]+){0,3})/g;

/** After "soy" these are not names: "soy de Puebla", "soy nuevo", "soy cliente". */
const NOT_A_NAME = new Set(
  (
    'de del la el los las un una uno muy tu su sus nuevo nueva nuevos cliente clienta estudiante mexicano mexicana foraneo ' +
    'foranea maestro maestra doctor doctora ingeniero ingeniera licenciado licenciada casado casada soltero soltera mama papa ' +
    'mayor joven alguien yo quien bien fan asi amigo amiga vendedor vendedora comprador originario primerizo primeriza medico ' +
    'taxista uber chofer repartidor empleado empresario dueno duena persona humano real honesto sincero serio seria feliz mas ' +
    'menos igual parte socio socia miembro usuario usuaria gerente abogado abogada contador contadora arquitecto chilango ' +
    'regio regia tapatio tapatia poblano poblana el que interesado interesada comerciante pensionado jubilado jubilada ' +
    'a an the looking interested trying not here new buying selling good fine ok so very just from in on at your a ' +
    'buscando viendo preguntando checando cotizando tambien hombre mujer senor senora senorita don dona ' +
    // Jobs and ways of working: "soy freelance", "soy maestro", "soy chofer de plataforma".
    'freelance freelancer independiente autonomo autonoma emprendedor emprendedora asalariado asalariada ' +
    'policia militar soldado enfermero enfermera dentista programador programadora disenador disenadora ' +
    'mecanico electricista plomero carpintero albanil agricultor ganadero pescador profesor profesora ' +
    'docente agente asesor asesora ejecutivo ejecutiva administrador administradora recepcionista cajero ' +
    'cajera secretaria secretario chef cocinero cocinera mesero mesera estilista veterinario veterinaria ' +
    'psicologo psicologa piloto transportista trailero camionero operador operadora obrero obrera tecnico ' +
    'tecnica supervisor supervisora director directora jefe jefa propietario propietaria ama amo trabajador ' +
    'trabajadora desempleado desempleada pensionada mama papa padre madre hijo hija esposo esposa abuelo abuela ' +
    // Other descriptions: "soy primerizo", "soy regiomontano".
    'regiomontano regiomontana capitalino capitalina norteno nortena extranjero extranjera gringo gringa ' +
    'principiante novato novata funcionario funcionaria empresaria becario becaria contratista ' +
    'freelancers student teacher driver engineer doctor nurse lawyer retired self employed ' +
    // "Can someone call me instead / back / later?"
    'instead back later now today tomorrow asap soon again please sure sorry ready done'
  ).split(/\s+/),
);

/** Endings of jobs and descriptions ("taxista", "ingeniero", "contador"): a lowercase one is not a name. */
const ROLE_ENDING = /(?:ista|ologo|ologa|ero|era|edor|edora|ante|iente)$/;

/** A name ends where the sentence goes on: "soy Ana y busco…", "me llamo Juan, quiero…". */
/** "mañana temprano, en Antara": an answer about when, not a name. */
const TIME_WORDS = new Set(
  'lunes martes miercoles jueves viernes sabado domingo manana hoy pasado tarde noche temprano semana fin'.split(
    ' ',
  ),
);

const NAME_STOP = new Set(
  (
    'y e de del desde con por para busco quiero quisiera queria estoy tengo me mi te le les que and i looking necesito ' +
    'ocupo ando vivo hola buenas buenos gracias from who want need am estaba estamos les tienen tienes hay cuanto como ' +
    'donde cual el la los las un una este esta aqui alla ok si no porfa por favor'
  ).split(/\s+/),
);

export interface NameMention extends Span {
  name: string;
}

export function findCustomerName(normalized: NormalizedText): NameMention | null {
  const text = normalized.text;
  for (const m of text.matchAll(INTRO)) {
    const lead = m[1]!;
    const words = m[2]!.split(/\s+/);
    const nameWords: string[] = [];
    for (const word of words) {
      if (NAME_STOP.has(word) || word.length < 2) break;
      nameWords.push(word);
      if (nameWords.length === 3) break;
    }
    const first = nameWords[0];
    if (!first || NOT_A_NAME.has(first)) continue;
    const start = m.index + m[0].length - m[2]!.length;
    // "Soy Rosario" is a name, "soy cajera" a job: a capital the customer typed tells them apart.
    const typedCapital = /^\p{Lu}/u.test(originalSlice(normalized, start, start + first.length));
    if (!typedCapital && first.length >= 6 && ROLE_ENDING.test(first)) continue;
    const loose = !/llamo|nombre/.test(lead);
    if (loose && (/(ndo|ing)$/.test(first) || /^\d/.test(first))) continue;
    const end = start + nameWords.join(' ').length;
    return { start, end, name: capitalise(originalSlice(normalized, start, end)) };
  }
  return null;
}

/** A bare reply to "¿cómo te llamas?": "Juan", "ana lópez". */
export function findBareName(normalized: NormalizedText): NameMention | null {
  // The whole answer ("Ana López"), or a first and last name before a comma with the rest of
  // what was asked after it ("Ana López, el jueves").
  const m =
    /^([a-z]+(?:\s+[a-z]+){0,2})[\s.!]*$/.exec(normalized.text) ??
    /^([a-z]+(?:\s+[a-z]+){1,2})\s*[,;]\s*\S/.exec(normalized.text);
  if (!m) return null;
  const words = m[1]!.split(/\s+/);
  if (words.some((w) => TIME_WORDS.has(w))) return null;
  if (words.some((w) => NAME_STOP.has(w) || NOT_A_NAME.has(w) || w.length < 2)) return null;
  const typedCapital = /^\p{Lu}/u.test(originalSlice(normalized, 0, 1));
  if (!typedCapital && words[0]!.length >= 6 && ROLE_ENDING.test(words[0]!)) return null;
  return { start: 0, end: m[1]!.length, name: capitalise(originalSlice(normalized, 0, m[1]!.length)) };
}

function capitalise(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w.charAt(0).toLocaleUpperCase('es-MX') + w.slice(1).toLocaleLowerCase('es-MX'))
    .join(' ');
}
