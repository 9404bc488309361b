import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { describeIssue, formatPath } from './describe-issue.js';
import type { GoldenSetIssue } from './errors.js';
import { GoldenFileSchema, type LoadedCase } from './schema.js';

export interface ParsedGoldenFile {
  cases: LoadedCase[];
  issues: GoldenSetIssue[];
}

type Segment = PropertyKey;

/** The 1-based line of the deepest YAML node found along `path` (the node itself when it exists). */
function lineOf(doc: Document, lines: LineCounter, path: readonly Segment[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = doc.contents?.range?.[0];
  for (const segment of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === segment,
      );
      next = pair?.value ?? pair?.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    const range = (next as { range?: [number, number, number] } | null | undefined)?.range;
    if (!range) break;
    node = next;
    offset = range[0];
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

export function valueAt(data: unknown, path: readonly Segment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function caseIdAt(data: unknown, index: number): string | undefined {
  const id = valueAt(data, ['cases', index, 'id']);
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * One golden-set YAML file → its cases, or every problem in it (YAML syntax first, then the
 * schema). Issues name the file, the line, the case id (or position) and the field path.
 */
export function parseGoldenFile(text: string, file: string): ParsedGoldenFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      cases: [],
      issues: doc.errors.map((error) => ({
        file,
        line: error.linePos?.[0].line,
        path: '',
        message: `not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
      })),
    };
  }

  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) {
    return {
      cases: [],
      issues: [{ file, path: '', message: 'the file is empty; it needs a "cases:" list' }],
    };
  }
  const parsed = GoldenFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue): GoldenSetIssue => {
      const [root, index, ...rest] = issue.path;
      const inCase = root === 'cases' && typeof index === 'number';
      const located: GoldenSetIssue = {
        file,
        line: lineOf(doc, lines, issue.path),
        path: inCase ? formatPath(rest) : formatPath(issue.path),
        message: describeIssue(issue, GoldenFileSchema, valueAt(data, issue.path)),
      };
      if (inCase) {
        located.caseIndex = index;
        const caseId = caseIdAt(data, index);
        if (caseId !== undefined) located.caseId = caseId;
      }
      return located;
    });
    return { cases: [], issues };
  }

  const cases = parsed.data.cases.map((goldenCase, index): LoadedCase => ({
    ...goldenCase,
    file,
    line: lineOf(doc, lines, ['cases', index]),
  }));
  return { cases, issues: [] };
}
