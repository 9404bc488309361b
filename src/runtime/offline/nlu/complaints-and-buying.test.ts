import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../../../core/profile.js';
import { extractIntents } from './extract-intents.js';

function read(message: string) {
  return extractIntents({ message, history: [], profile: emptyProfile() }).intents;
}

describe('found by the blind set', () => {
  it('a bare "qué mal" or "nadie me avisó" is a complaint, not something out of scope', () => {
    for (const message of [
      'ay q gacho, nadie me explico nada',
      'que pesimo!! nadie me informo de eso',
      'q mala onda',
    ])
      expect(read(message)[0]?.entities.socialKind, message).toBe('complaint');
    // "qué mal estado" describes a car, it does not complain.
    expect(read('que mal estado tiene el jetta?').map((i) => i.type)).not.toContain('social');
  });

  it('"¿cómo sería la compra?" after an "ok" asks how buying works', () => {
    for (const message of ['va y como va a ser la compra?', 'ok, como es mi compra entonces']) {
      const intents = read(message);
      expect(
        intents.map((i) => i.type),
        message,
      ).toContain('kavak_info');
      expect(intents.find((i) => i.type === 'kavak_info')?.entities.infoTopic).toBe('buying_process');
    }
  });
});
