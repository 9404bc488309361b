import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../profile.js';
import { PromptLibrary } from '../prompts/prompt-library.js';
import { renderReplyPrompt } from './phrase.js';

const prompts = new PromptLibrary(join(import.meta.dirname, '../../../prompts'));

function systemText(language: 'es' | 'en'): string {
  const rendered = renderReplyPrompt(prompts, {
    agent: 'cars',
    message: 'do you have a versa?',
    draft: 'Encontré esta opción en nuestro catálogo:',
    facts: {},
    profile: emptyProfile(),
    language,
  });
  return rendered.messages.map((m) => m.content).join('\n');
}

describe('the reply prompt', () => {
  it('tells the model to write in the customer language', () => {
    expect(systemText('en')).toMatch(/en inglés \(English\)/);
    expect(systemText('es')).toMatch(/en español de México/);
    expect(systemText('es')).not.toMatch(/inglés \(English\)/);
  });
});
