/**
 * The JSON the Twilio REST API answers a created message with (the fields the twilio SDK reads
 * back), for local stand-ins of the API: eval's reply capture, the bench's fake.
 */
export function twilioMessageResource(message: {
  sid: string;
  accountSid: string;
  from: string | null;
  to: string;
  body: string | null;
}): Record<string, unknown> {
  return {
    sid: message.sid,
    account_sid: message.accountSid,
    from: message.from,
    to: message.to,
    body: message.body,
    status: 'queued',
    direction: 'outbound-api',
    num_segments: '1',
    num_media: '0',
    api_version: '2010-04-01',
    date_created: new Date().toUTCString(),
    uri: `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}.json`,
  };
}
