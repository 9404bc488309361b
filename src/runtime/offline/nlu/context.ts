import type { IntentType, SalesAction, CarAttribute } from '../../../core/intents/schema.js';
import type { Profile } from '../../../core/profile.js';
import type { HistoryTurn } from '../../../core/tasks.js';
import { findCues } from './cues.js';
import { normalize } from './normalize.js';
import type { ExpectedAnswer } from './number-roles.js';

/** What the recent turns say about how to read a short follow-up ("sí", "el segundo", "¿y a 5?"). */
export interface ConversationContext {
  /** What the agent's last message was about (its body, not its closing question). */
  agentTopic: IntentType | null;
  /** What the agent's closing question offered: "¿Te gustaría agendar una visita?" → sales/visit. */
  offer: { intent: IntentType; salesAction: SalesAction | null } | null;
  /** What the agent's closing question asked for. */
  asked: ExpectedAnswer | 'city' | 'name' | 'time' | null;
  /** The closing question asked for the name, perhaps among other things ("tu nombre y tu ciudad"). */
  asksName: boolean;
  /** The agent's last message, normalised ('' before the first). */
  lastAgentText: string;
  /** The agent's last message with money in it, normalised: the last list or plan shown. */
  lastFiguresText: string | null;
  /** The agent's last message listed several cars ("1. … 2. …"). */
  listedLast: boolean;
  /** Length of the last list of cars shown ("el último" = this). */
  listLength: number;
  /** Payments are being discussed: "¿y a 5?" is a term. */
  financingActive: boolean;
  /** A car is being discussed: "¿cuánto cuesta?" asks about it. */
  carInFocus: boolean;
  /** The customer's previous request: "¿Y cómo la reclamo?" goes on with it. */
  previous: {
    intent: IntentType;
    topic: string | null;
    carQuestion: CarAttribute[];
    /** It also asked for a plan (with the minimum down payment asked for?): "¿y la T-Cross lo mismo?". */
    financing: { downPaymentMinimum: boolean } | null;
  } | null;
}

/** How many of the customer's last messages say what the conversation is about. */
const RECENT_CUSTOMER_TURNS = 2;
/** A peso amount as the agent writes it ("$289,999"). */
const MONEY_FIGURE = /\$\s?\d/;
/** The catalog search shows three cars unless told otherwise. */
const DEFAULT_LIST_LENGTH = 3;

const OFFERS: readonly [RegExp, IntentType, SalesAction | null][] = [
  // "Para registrarlo, ¿me compartes tu nombre y a qué sede…?": the visit's details, not a question about branches.
  [
    /\b(me\s+compartes|para\s+registrarlo|te\s+queda\s+mejor|to\s+book\s+it|could\s+you\s+tell\s+me)\b/,
    'sales',
    null,
  ],
  // Each with its English, for customers answered in English (the agent's text is in the history).
  [/\b(prueba\s+de\s+manejo|manejarlo|manejarla|probarlo|probarla|test\s+drive)\b/, 'sales', 'test_drive'],
  [/\b(apart|reserv)/, 'sales', 'reserve'],
  [/\b(asesor|ejecutivo|te\s+llame|te\s+contacte|advisor)/, 'sales', 'human'],
  [/\b(agend|visita|cita|verlo|verla|conocerlo|conocerla|pasar\s+a|visit|book\s+you)/, 'sales', 'visit'],
  [
    /\b(financ|credito|mensualidad|enganche|plan\s+de\s+pagos|plazo|calcul|a\s+meses|monthly\s+payment|work\s+out)/,
    'financing',
    null,
  ],
  [
    /\b(opciones|otros?\s+(autos|carros|modelos)|te\s+muestro|te\s+interesa\s+(alguno|alguna)|cual\s+te\s+(gusta|interesa)|mas\s+detalles|buscas|busque|any\s+of\s+them|search\s+again)/,
    'car_recommendation',
    null,
  ],
  [/\b(garantia|devolucion|sede|sucursal|kavak\s+total|documentos|requisitos)/, 'kavak_info', null],
];

const ASKS: readonly [RegExp, NonNullable<ConversationContext['asked']>][] = [
  [/\b(enganche|cuanto\s+(puedes|podrias)\s+dar|put\s+down|down\s+payment)/, 'downPayment'],
  [/\b(plazo|cuantos\s+(anos|meses)|which\s+term)/, 'term'],
  [/\b(mensualidad|pagar\s+al\s+mes|pago\s+mensual|monthly)/, 'monthly'],
  [
    /\b(presupuesto|cuanto\s+(quieres|puedes|te\s+gustaria|planeas)\s+(gastar|invertir|pagar)|rango\s+de\s+precio)/,
    'budget',
  ],
  [/\b(ciudad|donde\s+(vives|estas|te\s+encuentras)|de\s+donde|en\s+que\s+estado|which\s+city)/, 'city'],
  [/\b(como\s+te\s+llamas|tu\s+nombre|con\s+quien\s+tengo\s+el\s+gusto|your\s+name)/, 'name'],
  [
    /\b(que\s+dia|que\s+hora|cuando\s+(te\s+gustaria|quieres|puedes)|que\s+horario|what\s+day|what\s+time)/,
    'time',
  ],
];

/** The customer's previous request, as this extractor read it. */
export type PreviousRequest = ConversationContext['previous'];

export function readContext(
  history: readonly HistoryTurn[],
  profile: Profile,
  previous: PreviousRequest = null,
): ConversationContext {
  const lastAgent = history.findLast((t) => t.role === 'agent');
  const lastWithFigures = history.findLast((t) => t.role === 'agent' && MONEY_FIGURE.test(t.text));
  const customerTurns = history.filter((t) => t.role === 'customer').slice(-RECENT_CUSTOMER_TURNS);
  const agentText = lastAgent ? normalize(lastAgent.text).text : '';
  const { body, question } = splitClosingQuestion(agentText);

  const offerRule = question ? OFFERS.find(([pattern]) => pattern.test(question)) : undefined;
  const offer = offerRule ? { intent: offerRule[1], salesAction: offerRule[2] } : null;
  const asked = question ? (ASKS.find(([pattern]) => pattern.test(question))?.[1] ?? null) : null;
  const asksName = question
    ? ASKS.some(([pattern, what]) => what === 'name' && pattern.test(question))
    : false;
  const agentTopic = topicOf(body) ?? topicOf(question);

  const customerCues = customerTurns.map((t) => findCues(normalize(t.text).text));
  const listed = new Set([...agentText.matchAll(/(?:^|\s)(\d)[.)]\s/g)].map((m) => m[1])).size;
  return {
    agentTopic,
    offer,
    asked,
    asksName,
    lastAgentText: agentText,
    listedLast: listed > 1,
    lastFiguresText: lastWithFigures ? normalize(lastWithFigures.text).text : null,
    listLength: profile.lastRecommended.length || listed || DEFAULT_LIST_LENGTH,
    financingActive:
      agentTopic === 'financing' ||
      offer?.intent === 'financing' ||
      previous?.intent === 'financing' ||
      customerCues.flat().some((c) => c.rule.intent === 'financing') ||
      // With no recent turns to go on, a plan already in the profile says payments are the subject.
      (history.length === 0 &&
        (profile.termYears !== null ||
          profile.downPaymentAmount !== null ||
          profile.downPaymentPercent !== null)),
    carInFocus:
      agentTopic === 'car_recommendation' ||
      profile.carUnderDiscussion !== null ||
      profile.lastRecommended.length > 0,
    previous,
  };
}

/** The agent's message without its last question, and that question. */
function splitClosingQuestion(text: string): { body: string; question: string } {
  const end = text.lastIndexOf('?');
  if (end < 0) return { body: text, question: '' };
  const start =
    Math.max(text.lastIndexOf('.', end), text.lastIndexOf('!', end), text.lastIndexOf('?', end - 1)) + 1;
  return { body: text.slice(0, start), question: text.slice(start, end + 1) };
}

function topicOf(text: string): IntentType | null {
  if (text.trim() === '') return null;
  if (/\b(mensualidad|enganche|plazo|financiamiento|credito|tasa|al\s+mes)\b/.test(text)) return 'financing';
  if (/\$\s?\d|\bkm\b|(?:^|\s)\d[.)]\s/.test(text)) return 'car_recommendation';
  if (/\b(agend|visita|cita|prueba\s+de\s+manejo|apart|asesor)/.test(text)) return 'sales';
  if (/\b(garantia|sede|sucursal|devolucion|inspeccion|kavak\s+total|app|documentos)\b/.test(text))
    return 'kavak_info';
  return null;
}
