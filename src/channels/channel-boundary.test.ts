import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Names only a channel adapter may know: Twilio's fields and SDK, TwiML, WhatsApp addresses
 * and WhatsApp's 1,600-character limit. Prose about WhatsApp (the bot writes for it) is fine.
 */
const CHANNEL_NAMES = [
  /MessageSid/i,
  /twilio/i,
  /twiml/i,
  /whatsapp:/i,
  /WHATSAPP_\w+/,
  /\w+ForWhatsApp/,
  /\b1,?600\b/,
];

/** Every line of the non-test sources under `folder` that names a channel. */
function channelNamesIn(folder: string): string[] {
  const root = join(REPO, folder);
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        CHANNEL_NAMES.some((name) => name.test(line))
          ? [`${relative(REPO, file)}:${i + 1}: ${line.trim()}`]
          : [],
      ),
  );
}

describe('the channel boundary', () => {
  it('keeps Twilio and WhatsApp names out of core: they live in src/channels/whatsapp', () => {
    expect(channelNamesIn('src/core')).toEqual([]);
  });

  // Released SQLite migrations are history (never edited): the first queue table had Twilio's
  // names, and the migration that renamed them must name them too.
  it('keeps Twilio and WhatsApp names out of the store, but for its released migrations', () => {
    expect(
      channelNamesIn('src/store').filter((line) => !line.startsWith('src/store/sqlite/migrations.ts:')),
    ).toEqual([]);
  });

  it('finds a Twilio name when one is there (the scan itself works)', () => {
    expect(channelNamesIn('src/channels/whatsapp').length).toBeGreaterThan(0);
  });
});
