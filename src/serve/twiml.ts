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

/**
 * Webhook requests waiting (in `--reply twiml` mode) for their reply to be ready. The worker
 * hands the reply to a waiter if it is still there; past the deadline the waiter is gone and
 * the reply takes the REST path. One or the other, never both: taking a waiter removes it.
 */
export class TwimlWaiters {
  private readonly waiters = new Map<
    string,
    { deliver: (messages: string[] | null) => void; timer: NodeJS.Timeout }
  >();

  /** Resolves with the reply's messages, or null past the deadline (or when cancelled). */
  wait(messageSid: string, deadlineMs: number): Promise<string[] | null> {
    this.cancel(messageSid);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.cancel(messageSid), deadlineMs);
      this.waiters.set(messageSid, { deliver: resolve, timer });
    });
  }

  /** Takes the waiter of a message, if one is still waiting; call the result with the reply. */
  take(messageSid: string): ((messages: string[]) => void) | undefined {
    const deliver = this.remove(messageSid);
    return deliver && ((messages: string[]) => deliver(messages));
  }

  /** The request gave up (deadline, client gone): the reply will go by REST. */
  cancel(messageSid: string): void {
    this.remove(messageSid)?.(null);
  }

  cancelAll(): void {
    for (const sid of [...this.waiters.keys()]) this.cancel(sid);
  }

  get size(): number {
    return this.waiters.size;
  }

  private remove(messageSid: string): ((messages: string[] | null) => void) | undefined {
    const waiter = this.waiters.get(messageSid);
    if (!waiter) return undefined;
    this.waiters.delete(messageSid);
    clearTimeout(waiter.timer);
    return waiter.deliver;
  }
}
