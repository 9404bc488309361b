/** Twilio's limit for one WhatsApp message body. */
export const WHATSAPP_MAX_CHARS = 1600;

/**
 * Splits a reply into WhatsApp messages of at most `max` characters, at paragraph breaks;
 * then at line breaks, then at sentence ends, and only as a last resort mid-text.
 */
export function splitForWhatsApp(text: string, max = WHATSAPP_MAX_CHARS): string[] {
  if (text.length <= max) return [text];
  const messages: string[] = [];
  let current = '';
  const push = (piece: string, separator: string) => {
    if (!current) current = piece;
    else if (current.length + separator.length + piece.length <= max) current += separator + piece;
    else {
      messages.push(current);
      current = piece;
    }
  };
  for (const paragraph of text.split(/\n{2,}/)) {
    for (const piece of fit(paragraph, max)) push(piece, '\n\n');
  }
  if (current) messages.push(current);
  return messages;
}

function fit(paragraph: string, max: number): string[] {
  if (paragraph.length <= max) return [paragraph];
  const units = paragraph.includes('\n') ? paragraph.split('\n') : paragraph.split(/(?<=[.!?])\s+/);
  const separator = paragraph.includes('\n') ? '\n' : ' ';
  const out: string[] = [];
  let current = '';
  for (const unit of units) {
    for (const piece of unit.length <= max ? [unit] : hardCut(unit, max)) {
      if (!current) current = piece;
      else if (current.length + 1 + piece.length <= max) current += separator + piece;
      else {
        out.push(current);
        current = piece;
      }
    }
  }
  if (current) out.push(current);
  return out;
}

function hardCut(text: string, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += max) out.push(text.slice(i, i + max));
  return out;
}
