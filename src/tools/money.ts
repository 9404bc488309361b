/**
 * Money is integer cents everywhere in code; pesos only at the edges (what a customer wrote,
 * the CSV's floats). One formatter so a price looks the same in every reply and report.
 */
export type Cents = number;

export function pesosToCents(pesos: number): Cents {
  return Math.round(pesos * 100);
}

export function centsToPesos(cents: Cents): number {
  return cents / 100;
}

// Built on first use: creating it loads ICU data (~25 ms), a cost `kavak ask "hola"` need not pay.
let mxn: Intl.NumberFormat | undefined;

/** 631999 → "$6,319.99"; always two decimals, comma thousands, as Mexican banks print it. */
export function formatMXN(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  mxn ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${sign}$${mxn.format(Math.abs(cents) / 100)}`;
}
