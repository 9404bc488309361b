import { z } from 'zod';
import { emptyProfile, ProfileSchema, type Profile } from '../core/profile.js';
import { LeadSchema, type Lead } from '../core/ports/conversations.js';

/** A leads row as both adapters select it (snake_case columns). */
const LeadRow = z.object({
  action: z.string(),
  name: z.string().nullable(),
  stock_id: z.string().nullable(),
  city: z.string().nullable(),
  branch: z.string().nullable(),
  preferred_time: z.string().nullable(),
});

export const LEAD_COLUMNS = 'action, name, stock_id, city, branch, preferred_time';

export function leadFromRow(raw: unknown): Lead {
  const row = LeadRow.parse(raw);
  return LeadSchema.parse({
    action: row.action,
    name: row.name,
    stockId: row.stock_id,
    city: row.city,
    branch: row.branch,
    preferredTime: row.preferred_time,
  });
}

/** A stored profile; one an older version wrote that no longer validates starts fresh rather than crash. */
export function storedProfile(value: unknown): Profile {
  const parsed = ProfileSchema.safeParse(value);
  return parsed.success ? parsed.data : emptyProfile();
}
