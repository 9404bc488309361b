import { emptyProfile, ProfileSchema, type Profile } from '../../core/profile.js';
import type { ConversationStore } from '../../core/ports/conversations.js';

/** Writes a case's starting profile before its first turn (the conversation is created if new). */
export async function seedProfile(
  conversations: ConversationStore,
  conversationId: string,
  start: Partial<Profile>,
): Promise<Profile> {
  const profile = startingProfile(start);
  await conversations.saveProfile(conversationId, profile);
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
