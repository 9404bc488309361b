import type { Channel, ChannelName } from '../channels/channel.js';
import { splitForWhatsApp, WHATSAPP_MAX_CHARS } from '../channels/whatsapp/split-reply.js';

/**
 * What every entry point needs of a channel (chat and eval shape replies as its messages) and
 * how to load the rest (serve's webhook, signature and sender). The adapter itself is imported
 * on demand: WhatsApp's pulls in the twilio SDK, ~300 ms of start-up `kavak ask` never needs.
 */
export interface ChannelEntry {
  maxMessageChars: number;
  splitReply: (text: string) => string[];
  load: () => Promise<Channel>;
}

/** Every channel a name can pick; a new ChannelName without its entry fails to compile. */
export const CHANNELS: Record<ChannelName, ChannelEntry> = {
  whatsapp: {
    maxMessageChars: WHATSAPP_MAX_CHARS,
    splitReply: (text) => splitForWhatsApp(text),
    load: async () => (await import('../channels/whatsapp/whatsapp-channel.js')).whatsappChannel,
  },
};

/** The channel serve talks on, and whose messages chat and eval simulate. */
export const DEFAULT_CHANNEL: ChannelName = 'whatsapp';

export function channelFor(name: ChannelName = DEFAULT_CHANNEL): ChannelEntry {
  return CHANNELS[name];
}
