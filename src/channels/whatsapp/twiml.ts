import twilio from 'twilio';

/** A TwiML response: empty (acknowledge only) or one <Message> per WhatsApp message. */
export function twimlResponse(messages: readonly string[] = []): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const body of messages) response.message(body);
  return response.toString();
}

/** The bodies of the <Message> elements of a TwiML response (for `kavak send`). */
export function readTwimlMessages(xml: string): string[] {
  const bodies: string[] = [];
  for (const match of xml.matchAll(/<Message(?:\s[^>]*)?>([\s\S]*?)<\/Message>/g)) {
    const inner = match[1] ?? '';
    // A <Message> may wrap its text in <Body>.
    const body = /<Body>([\s\S]*?)<\/Body>/.exec(inner)?.[1] ?? inner;
    bodies.push(unescapeXml(body));
  }
  return bodies;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (entity: string, name: string) => {
    switch (name.toLowerCase()) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      case 'amp':
        return '&';
      default:
        return name[1]?.toLowerCase() === 'x'
          ? String.fromCodePoint(parseInt(name.slice(2), 16))
          : String.fromCodePoint(parseInt(name.slice(1), 10));
    }
  });
}
