import { emptyProfile, ProfileSchema, type Profile } from '../../core/profile.js';
import type { ConversationStore } from '../../store/conversation-store.js';
import type { Db } from '../../store/database.js';

/**
 * Writes a case's starting profile before its first turn. The store has no setter (the pipeline
 * only saves whole turns), so this updates the row getOrCreate made, through the same Db.
 */
export function seedProfile(
  store: ConversationStore,
  db: Db,
  conversationId: string,
  start: Partial<Profile>,
): Profile {
  const profile = startingProfile(start);
  store.getOrCreate(conversationId);
  db.prepare('UPDATE conversations SET profile = ? WHERE id = ?').run(
    JSON.stringify(profile),
    conversationId,
  );
  return profile;
}

/** A case's partial starting profile over the empty one. */
export function startingProfile(start: Partial<Profile> = {}): Profile {
  const empty = emptyProfile();
  return ProfileSchema.parse({
    ...empty,
    ...start,
    preferences: { ...empty.preferences, ...start.preferences },
  });
}
