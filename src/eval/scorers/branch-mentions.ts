import type { KnowledgeBase } from '../../tools/knowledge/types.js';
import { fold } from '../../tools/text/normalize.js';
import { findAll } from '../../tools/text/span.js';

/** A place the reply presents as a Kavak branch (or a city with branches). */
export interface BranchClaim {
  name: string;
  start: number;
}

const CAPITALISED = String.raw`\p{Lu}[\p{L}\p{N}.'-]*`;
const NAME = String.raw`${CAPITALISED}(?:\s+(?:(?:de|del|la|las|los|y|el)\s+)?${CAPITALISED})*`;
/** "sede Explanada", "sucursal de Polanco", "sedes en Ciudad de México". */
const NAMED = new RegExp(
  String.raw`(?<![\p{L}])(?:[Ss]edes?|[Ss]ucursal(?:es)?|[Aa]gencias?)(?:\s+(?:de|en|del)(?![\p{L}]))?\s+(${NAME})`,
  'gu',
);
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+(.+)$/;
const LIST_INTRO = /(sede|sucursal|agencia)[^\n]*:\s*$/i;
const NEGATION = /(?<![\p{L}])(?:no|ni|sin|ningun[ao]?|tampoco|nunca)(?![\p{L}])/u;

/**
 * Branch names the reply states: after "sede"/"sucursal" (outside a negative clause), and the
 * bullets of a list introduced by a line like "En Puebla tenemos 2 sedes:".
 */
export function branchClaims(text: string): BranchClaim[] {
  const claims: BranchClaim[] = [];
  for (const { match } of findAll(text, NAMED)) {
    const name = (match[1] ?? '').replace(/[.,]+$/, '');
    if (/^kavak$/i.test(name) || inNegativeClause(text, match.index)) continue;
    claims.push({ name, start: match.index });
  }
  const lines = text.split('\n');
  let offset = 0;
  let inList = false;
  for (const line of lines) {
    const bullet = BULLET.exec(line);
    if (bullet && inList) claims.push(...bulletClaims(bullet[1] ?? '', offset));
    else if (line.trim() !== '') inList = LIST_INTRO.test(line);
    offset += line.length + 1;
  }
  return claims;
}

/** "Explanada (9:00 a 18:00)" → Explanada; "Puebla: Explanada, Las Torres" → all three. */
function bulletClaims(item: string, start: number): BranchClaim[] {
  const [head = '', rest] = item.replace(/\s*\(.*$/, '').split(/:\s*/, 2);
  const names = [head, ...(rest ? rest.split(/,\s*|\s+y\s+/) : [])];
  return names
    .map((name) => ({ name: name.trim().replace(/[.;]+$/, ''), start }))
    .filter((claim) => claim.name !== '');
}

function inNegativeClause(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const clauseStart = Math.max(
    ...['.', '!', '?', ';', ',', '\n'].map((mark) => before.lastIndexOf(mark) + 1),
  );
  return NEGATION.test(fold(before.slice(clauseStart)));
}

/** A claim is grounded when it names a branch or a city with branches in the knowledge base. */
export function isKnownBranchOrCity(name: string, knowledge: KnowledgeBase): boolean {
  const key = fold(name).replace(/[^\p{L}\p{N}]/gu, '');
  if (key === '') return true;
  const named = knowledge.branches.some((branch) => {
    const branchKey = fold(branch.name).replace(/[^\p{L}\p{N}]/gu, '');
    return key === branchKey || key === `kavak${branchKey}` || `kavak${key}` === branchKey;
  });
  return named || knowledge.branchesIn(name).hasBranch;
}
