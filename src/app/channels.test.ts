import { describe, expect, it } from 'vitest';
import { ChannelNameSchema } from '../channels/channel.js';
import { CHANNELS, channelFor, DEFAULT_CHANNEL } from './channels.js';

describe('the channel registry', () => {
  it('has one channel per name, each answering to its own name on its own webhook path', () => {
    expect(Object.keys(CHANNELS).sort()).toEqual([...ChannelNameSchema.options].sort());
    for (const name of ChannelNameSchema.options) expect(CHANNELS[name].name).toBe(name);
    const paths = Object.values(CHANNELS).map((channel) => channel.webhookPath);
    expect(new Set(paths).size).toBe(paths.length);
    expect(channelFor()).toBe(CHANNELS[DEFAULT_CHANNEL]);
  });

  it('gives chat, eval and serve WhatsApp by default: replies in messages of at most 1,600 characters', () => {
    const channel = channelFor();
    expect(channel.name).toBe('whatsapp');
    expect(channel.maxMessageChars).toBe(1600);
    const reply = Array.from({ length: 8 }, (_, i) => `Opción ${i + 1}: ${'detalle '.repeat(50)}`).join(
      '\n\n',
    );
    const messages = channel.splitReply(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(channel.maxMessageChars);
    expect(messages.join('\n\n')).toBe(reply);
  });

  it('answers a webhook inline in the channel’s own format', () => {
    const reply = channelFor('whatsapp').renderWebhookReply(['Hola']);
    expect(reply.contentType).toBe('text/xml');
    expect(reply.body).toContain('<Message>Hola</Message>');
  });
});
