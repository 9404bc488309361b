import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import { UserInputError } from '../../support/errors.js';
import { describeIssue, formatPath } from '../golden-set/describe-issue.js';
import { valueAt } from '../golden-set/parse-file.js';
import { PersonaSchema, type LoadedPersona } from './persona.js';

const HINT =
  'Fix the fields named above; a persona is one YAML file in personas/ (see personas/README.md for every field).';

/** The personas do not load: every problem found, each naming its file and field. Exit code 2. */
export class PersonaError extends UserInputError {
  constructor(problems: readonly string[], hint = HINT) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super([`The personas have ${count}:`, ...problems.map((p) => `  - ${p}`)].join('\n'), {
      hint,
      exitCode: 2,
    });
  }
}

/** One persona file → the persona, or its problems ("personas/x.yaml style.emojis: …"). */
export function parsePersonaFile(
  text: string,
  file: string,
): { persona?: LoadedPersona; problems: string[] } {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map(
        (error) =>
          `${file}${error.linePos ? `:${error.linePos[0].line}` : ''}: not valid YAML: ${error.message.split('\n')[0]}`,
      ),
    };
  }
  const data: unknown = doc.toJS();
  const parsed = PersonaSchema.safeParse(data ?? {});
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const field = formatPath(issue.path);
        return `${file}${field ? ` ${field}` : ''}: ${describeIssue(issue, PersonaSchema, valueAt(data, issue.path))}`;
      }),
    };
  }
  return { persona: { ...parsed.data, file }, problems: [] };
}

/**
 * Every personas/*.yaml (sorted by name), validated before any model call; `only` keeps the
 * personas with these ids (an unknown id is an error listing the known ones).
 */
export async function loadPersonas(dir: string, only?: readonly string[]): Promise<LoadedPersona[]> {
  const isFolder = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    throw new PersonaError(
      [`${dir}: personas folder not found`],
      'Run from the project root, or pass --personas <dir>.',
    );
  }
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  if (names.length === 0) throw new PersonaError([`${dir}: no .yaml files in this folder`]);

  const personas: LoadedPersona[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const parsed = parsePersonaFile(await readFile(file, 'utf8'), file);
    problems.push(...parsed.problems);
    if (!parsed.persona) continue;
    const twin = personas.find((p) => p.id === parsed.persona!.id);
    if (twin) problems.push(`${file} id: duplicate id "${twin.id}", also in ${basename(twin.file)}`);
    personas.push(parsed.persona);
  }
  if (problems.length > 0) throw new PersonaError(problems);
  if (!only || only.length === 0) return personas;

  const unknown = only.filter((id) => !personas.some((p) => p.id === id));
  if (unknown.length > 0) {
    throw new UserInputError(
      `--persona: no persona with id ${unknown.map((id) => `"${id}"`).join(', ')} in ${dir}.`,
      {
        hint: `Known personas: ${personas.map((p) => p.id).join(', ')}.`,
        exitCode: 2,
      },
    );
  }
  return personas.filter((p) => only.includes(p.id));
}
