import type { Channel, ChannelName } from '../channels/channel.js';
import { whatsappChannel } from '../channels/whatsapp/whatsapp-channel.js';

/** Every channel a name can pick; a new ChannelName without its channel fails to compile. */
export const CHANNELS: Record<ChannelName, Channel> = {
  whatsapp: whatsappChannel,
};

/** The channel serve talks on, and whose messages chat and eval simulate. */
export const DEFAULT_CHANNEL: ChannelName = 'whatsapp';

export function channelFor(name: ChannelName = DEFAULT_CHANNEL): Channel {
  return CHANNELS[name];
}
