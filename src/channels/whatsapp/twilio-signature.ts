import twilio from 'twilio';
import type { SignaturePolicy, SignedRequest, WebhookFields } from '../channel.js';

export const SIGNATURE_HEADER = 'X-Twilio-Signature';

/** Checks X-Twilio-Signature with the twilio SDK (HMAC-SHA1 of the URL and every form field). */
export function hasValidSignature(
  request: SignedRequest,
  policy: Extract<SignaturePolicy, { kind: 'verify' }>,
): boolean {
  const { signature, url, fields } = request;
  if (!signature) return false;
  return policy.authTokens.some((token) => twilio.validateRequest(token, signature, url, fields));
}

/** Signs a Twilio-style request, as Twilio would (for `kavak send` and tests). */
export function signTwilioRequest(authToken: string, url: string, params: WebhookFields): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
