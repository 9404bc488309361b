import { FUNCTION_WORDS } from '../../../tools/text/language.js';

/**
 * Typo tolerance for car names. Spelling is folded the way Mexican Spanish sounds it (v/w → b,
 * z → s, k/q → c, y → i, silent h, doubled letters once), so "wolksvagen", "nisan", "corola" and
 * "jeta" are exact after folding; what is left is allowed one or two edits.
 */
export function foldSpelling(word: string): string {
  return word
    .replace(/h/g, '')
    .replace(/[vw]/g, 'b')
    .replace(/z/g, 's')
    .replace(/[kq]/g, 'c')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** How many edits a word of this length may be away from a car name and still be that name. */
export function allowedEdits(length: number): { edits: number; substitution: boolean } {
  if (length < 5) return { edits: 0, substitution: false };
  if (length <= 6) return { edits: 1, substitution: false };
  if (length <= 8) return { edits: 1, substitution: true };
  return { edits: 2, substitution: true };
}

/**
 * Everyday words one edit away from a car name after folding ("marca" ~ March, "audio" ~ Audi):
 * never read as cars.
 */
export const NOT_CAR_WORDS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  ...`
    marca marcas marcha audio aqui venta ventas vente tras fijo aver civil manda mande mandas forma
    formas fondo ande anda carro carros caro cara nada nadie sera seria serio tengo tenga tiene tienes
    tienen quiero busco hola buenas buenos favor gracias credito mensual precio cuanto cuando donde
    como para pero porque entonces nuevo nueva modelo modelos version auto autos coche coches nave
    naves camioneta troca mano vuelta plan planes plazo plazos meses anos mismo misma otro otra otros
    otras este esta esos esas estos estas solo sola todo toda todos todas algo alguno alguna ninguno
    ninguna bien verlo verla ahora hoy manana tarde noche sabado domingo lunes martes jueves viernes
    ciudad casa cita visita garantia sucursal sede sedes enganche pagar pago pagos dinero lana gusta
    gustaria interesa conviene opcion opciones mejor barato barata caros tambien ademas mucho poco
    menos unos unas sino dice decir dime dame quien cual cuales sirve cerca lejos rapido tipo color
    rojo negro blanco gris azul verde plata asesor humano persona llamo nombre soy somos estoy estas
    entra entre cabe mide largo ancho alto altura medidas cochera garage garaje sedan suvs hatch
    estan vender compro comprar venden manejo prueba seguro total kavak cabo alto alta bajo baja vale
    dale sale orale listo claro perfecto sedan familia familiar mama papa hijo hija rodar diesel
    gasolina hibrido electrico manual estandar automatico automatica bolsas piel clima camara sensores
    turbo agencia puebla leon merida toluca colima tepic onda ondas oaxaca morelia durango celaya
    saltillo veracruz tampico ensenada xalapa jalapa
    charge charges charged charging fee fees loan loans price prices month months down payment
    payments monthly model models manual automatic insurance warranty trade deal dealer
  `
    .trim()
    .split(/\s+/),
]);
