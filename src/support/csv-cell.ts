/** One CSV field (RFC 4180): quoted when it holds a quote, a comma or a line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
