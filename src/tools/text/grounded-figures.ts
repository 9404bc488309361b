import { statedFigures, type FigureKind, type StatedFigure } from './figures.js';

/**
 * The values a source states, by kind, so a figure is grounded when a source states the same
 * value in any form: 20% = a rate of 0.2 = "20 por ciento"; 48 meses = 4 años = termYears 4;
 * $313,999.00 = "313,999 pesos" = priceCents 31399900.
 */
export class GroundedFigures {
  private readonly known: Record<FigureKind, Set<number>> = {
    money: new Set(),
    percent: new Set(),
    months: new Set(),
    number: new Set(),
  };

  /** Every figure the texts state (drafts, customer messages, knowledge sections). */
  addTexts(texts: readonly string[]): this {
    for (const text of texts) for (const f of statedFigures(text)) this.add(f.kind, f.value);
    return this;
  }

  /**
   * Every figure in a tool's (or agent's) facts, read by key: "*Cents" are cents, "*rate*" and
   * "*percent*" are percentages (a ratio ≤ 1 also as its percentage), "termYears" / "months"
   * are terms; strings are read as text. A price with a down payment also grounds its percentage.
   */
  addValues(value: unknown, key = ''): this {
    if (typeof value === 'number' && Number.isFinite(value)) this.addNumber(value, key);
    else if (typeof value === 'string') this.addTexts([value]);
    else if (Array.isArray(value)) for (const item of value) this.addValues(item, key);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const [childKey, child] of Object.entries(record)) this.addValues(child, childKey);
      const { priceCents, downPaymentCents } = record;
      if (typeof priceCents === 'number' && typeof downPaymentCents === 'number' && priceCents > 0) {
        this.add('percent', Math.round((downPaymentCents / priceCents) * 1000) / 10);
      }
    }
    return this;
  }

  /** Whether a source states this figure's value (money may be stated as a plain number). */
  has(figure: Pick<StatedFigure, 'kind' | 'value'>): boolean {
    const key = keyOf(figure.value);
    switch (figure.kind) {
      case 'money':
        return this.known.money.has(key) || this.known.number.has(key);
      case 'percent':
      case 'months':
        return this.known[figure.kind].has(key);
      case 'number':
        return Object.values(this.known).some((values) => values.has(key));
    }
  }

  private addNumber(value: number, key: string): void {
    if (/cents$/i.test(key)) return this.add('money', value / 100);
    if (/rate|percent|ratio|tasa/i.test(key)) {
      this.add('percent', value);
      if (Math.abs(value) <= 1) this.add('percent', Math.round(value * 10_000) / 100);
    }
    if (/years$/i.test(key)) this.add('months', value * 12);
    if (/months$|^plazo|^meses$/i.test(key)) this.add('months', value);
    this.add('number', value);
  }

  private add(kind: FigureKind, value: number): void {
    this.known[kind].add(keyOf(value));
  }
}

/** Values to the cent, so 6371.06 from a text and 637106 cents meet. */
function keyOf(value: number): number {
  return Math.round(value * 100);
}

/**
 * Figures that are not facts to guard: plain numbers up to ten with no unit are counts and list
 * positions ("3 opciones", "1."), and "100%" means "fully" ("compra 100% en línea"). A unit makes
 * a small number a fact ("2 años", "5 mil", "10%").
 */
export function needsNoSource(figure: Pick<StatedFigure, 'kind' | 'value'>): boolean {
  if (figure.kind === 'percent') return figure.value === 100;
  return figure.kind === 'number' && Number.isInteger(figure.value) && figure.value <= 10;
}

/** The figures the text states that no source does; [] means grounded. */
export function ungroundedIn(text: string, grounded: GroundedFigures): StatedFigure[] {
  return statedFigures(text).filter((figure) => !needsNoSource(figure) && !grounded.has(figure));
}

/** How a guard or scorer names a figure: "$5,000" style values without grouping, "25%", "60 meses". */
export function figureLabel(figure: Pick<StatedFigure, 'kind' | 'value'>): string {
  const value = String(Math.round(figure.value * 100) / 100);
  if (figure.kind === 'percent') return `${value}%`;
  if (figure.kind === 'months') return `${value} meses`;
  return value;
}
