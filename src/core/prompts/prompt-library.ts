import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserInputError } from '../../support/errors.js';
import type { ChatMessage } from '../ports/language-model.js';
import {
  fillTemplate,
  INPUT_SECTION,
  parsePromptFile,
  SYSTEM_SECTIONS,
  type PromptFile,
} from './prompt-file.js';

export interface RenderedPrompt {
  messages: ChatMessage[];
  temperature: number | undefined;
  /** The prompt file's token budget for the model's answer. */
  maxOutputTokens: number | undefined;
}

/**
 * Prompt files in a folder, read on first use and cached until `reload()`, so a prompt engineer
 * edits a file and reloads without restarting.
 */
export class PromptLibrary {
  private cache = new Map<string, PromptFile>();

  constructor(readonly dir: string) {}

  reload(): void {
    this.cache.clear();
  }

  file(name: string): PromptFile {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const path = join(this.dir, `${name}.md`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new UserInputError(`Prompt file not found: ${path}`, {
        hint: 'Restore it from git, or point "prompts" in kavak.config.json at a folder that has it.',
      });
    }
    const file = parsePromptFile(name, path, text);
    this.cache.set(name, file);
    return file;
  }

  /** Raw text of a section (used to splice agent guides into the reply prompt). */
  section(name: string, title: string): string {
    const text = this.file(name).sections.get(title);
    if (text === undefined) throw new UserInputError(`${this.file(name).path} has no "## ${title}" section.`);
    return text;
  }

  /** One section filled with `vars` (the repair messages of prompts/repair.md). */
  fillSection(name: string, title: string, vars: Record<string, unknown>): string {
    return fillTemplate(this.section(name, title), vars, this.file(name).path).trim();
  }

  /** System message from the objective/context/format/warning sections; user message from Entrada. */
  render(name: string, vars: Record<string, unknown>): RenderedPrompt {
    const file = this.file(name);
    const system = SYSTEM_SECTIONS.filter((title) => file.sections.has(title))
      .map((title) => `## ${title}\n${fillTemplate(file.sections.get(title) ?? '', vars, file.path)}`)
      .join('\n\n');
    const input = file.sections.get(INPUT_SECTION);
    if (input === undefined) {
      throw new UserInputError(`${file.path} has no "## ${INPUT_SECTION}" section.`, {
        hint: 'Every prompt file needs an Entrada section: it becomes the user message.',
      });
    }
    return {
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: fillTemplate(input, vars, file.path) },
      ],
      temperature: file.frontMatter.temperature,
      maxOutputTokens: file.frontMatter.maxOutputTokens,
    };
  }
}
