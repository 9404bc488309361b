/**
 * Masks what must never reach logs or reports: phone numbers (keeps the last 4 digits, so
 * support can still tell customers apart) and API keys / tokens.
 */
// Not inside identifiers (tracking ids like t_0123456789abcdef hold long digit runs).
const PHONE = /(?<![\w])(\+?\d[\d\s().-]{8,}\d)(?![\w])/g;
const SECRET = /\b(sk-[A-Za-z0-9_-]{8,}|AC[0-9a-fA-F]{32}|SK[0-9a-fA-F]{32}|Bearer\s+[A-Za-z0-9._-]{8,})\b/g;

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return phone;
  // A channel address keeps its scheme (`tel:`, a channel's own), so masked addresses stay readable.
  const prefix = /^[a-z][a-z0-9+.-]*:/i.exec(phone)?.[0] ?? '';
  return `${prefix}+…${digits.slice(-4)}`;
}

export function redact(text: string): string {
  return text.replace(SECRET, '[secret]').replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, '');
    // 10+ digits is a phone number; shorter runs are prices, stock ids or years.
    return digits.length >= 10 ? `+…${digits.slice(-4)}` : match;
  });
}

/** Deep-redacts every string of a JSON-like value. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactValue(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        /^(api_?key|auth_?token|authorization|password|secret)$/i.test(k) ? '[secret]' : redactValue(v),
      ]),
    ) as T;
  }
  return value;
}
