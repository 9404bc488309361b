import { describe, expect, it } from 'vitest';
import { ChannelNameSchema } from '../channels/channel.js';
import { CHANNELS, channelFor, DEFAULT_CHANNEL } from './channels.js';

describe('the channel registry', () => {
  it('has one channel per name, each answering to its own name on its own webhook path', async () => {
    expect(Object.keys(CHANNELS).sort()).toEqual([...ChannelNameSchema.options].sort());
    const channels = await Promise.all(ChannelNameSchema.options.map((name) => CHANNELS[name].load()));
    for (const [i, name] of ChannelNameSchema.options.entries()) expect(channels[i]!.name).toBe(name);
    const paths = channels.map((channel) => channel.webhookPath);
    expect(new Set(paths).size).toBe(paths.length);
    expect(channelFor()).toBe(CHANNELS[DEFAULT_CHANNEL]);
  });

  it('gives chat, eval and serve WhatsApp by default: replies in messages of at most 1,600 characters', async () => {
    const entry = channelFor();
    const channel = await entry.load();
    expect(channel.name).toBe('whatsapp');
    expect(entry.maxMessageChars).toBe(1600);
    expect(channel.maxMessageChars).toBe(entry.maxMessageChars);
    const reply = Array.from({ length: 8 }, (_, i) => `Opción ${i + 1}: ${'detalle '.repeat(50)}`).join(
      '\n\n',
    );
    const messages = entry.splitReply(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(entry.maxMessageChars);
    expect(messages.join('\n\n')).toBe(reply);
    expect(channel.splitReply(reply)).toEqual(messages);
  });

  it('answers a webhook inline in the channel’s own format', async () => {
    const reply = (await channelFor('whatsapp').load()).renderWebhookReply(['Hola']);
    expect(reply.contentType).toBe('text/xml');
    expect(reply.body).toContain('<Message>Hola</Message>');
  });
});
