import type { WrittenLanguage } from '../text/language.js';
import type { ReturnWindow } from './return-window.js';

/** A section of the Kavak knowledge base (one `##` section of a markdown file in data/knowledge). */
export interface KnowledgeSection {
  /** Stable slug, e.g. "garantia", "sede-puebla". */
  id: string;
  title: string;
  /** File it came from, relative to the knowledge folder. */
  file: string;
  /** The section's markdown text, as written (WhatsApp-friendly: no tables). */
  body: string;
  /** Search words in addition to the title and body (synonyms, slang). */
  keywords: string[];
}

export interface Branch {
  name: string;
  /** Canonical city, e.g. "Ciudad de México", "Puebla". */
  city: string;
  /** Opening hours only where published (Explanada); null means not published: never invent. */
  hours: string | null;
}

export type BranchLookup =
  { hasBranch: true; city: string; branches: Branch[] } | { hasBranch: false; city: string; branches: [] };

export interface KnowledgeBase {
  readonly sections: readonly KnowledgeSection[];
  readonly branches: readonly Branch[];
  /** Best sections for a question, best first; [] when nothing is relevant. */
  retrieve(query: string, options?: { limit?: number }): KnowledgeSection[];
  /** Branches in a city (accent, case and alias tolerant: "CDMX", "DF", "gdl", "Mty"). */
  branchesIn(city: string): BranchLookup;
  /** The branch a name as written points at ("santa fe" → Patio Santa Fe), if exactly one. */
  branchNamed(name: string): Branch | undefined;
  /**
   * The section as written in `language`: its twin from the translated files (data/knowledge/en)
   * when there is one, else the section itself.
   */
  inLanguage(section: KnowledgeSection, language: WrittenLanguage): KnowledgeSection;
  /** The published trial period ("7 días o 300 km"), or null when the knowledge base has none. */
  readonly returnWindow: ReturnWindow | null;
}
