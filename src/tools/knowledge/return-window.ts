import type { KnowledgeSection } from './types.js';

/** The trial period the knowledge base publishes: "Tienes 7 días o 300 km para probar tu auto." */
export interface ReturnWindow {
  days: number;
  km: number;
  /** The section it was read from, so an answer can quote it. */
  sectionId: string;
}

const WINDOW = /(\d+)\s*d[ií]as\s+o\s+(\d[\d,.]*)\s*(?:km|kil[oó]metros)/i;

/** Read from the knowledge text, never written in code: the rule changes when the file does. */
export function findReturnWindow(sections: readonly KnowledgeSection[]): ReturnWindow | null {
  for (const section of sections) {
    const match = WINDOW.exec(section.body);
    if (match) {
      return { days: Number(match[1]), km: Number(match[2]!.replace(/[,.]/g, '')), sectionId: section.id };
    }
  }
  return null;
}
