/**
 * BroadcastChannel between tabs, in memory: a message reaches every other
 * open channel of the same name, never the one that posted it, like the real one.
 */
import type { ChannelFactory } from '../../../src/storage/create-tab-channel';

type Channel = NonNullable<ReturnType<ChannelFactory>>;

export function channelHub(): { factory: ChannelFactory; openChannels(): number } {
  const open = new Set<{ name: string; channel: Channel }>();
  const factory: ChannelFactory = (name) => {
    const channel: Channel = {
      onmessage: null,
      postMessage(data: unknown) {
        // Structured clone, as the real channel does: the receiver never shares the sender's object.
        for (const other of open)
          if (other.channel !== channel && other.name === name)
            other.channel.onmessage?.call(
              other.channel as BroadcastChannel,
              new MessageEvent('message', { data: structuredClone(data) }),
            );
      },
      close() {
        for (const entry of open) if (entry.channel === channel) open.delete(entry);
      },
    };
    open.add({ name, channel });
    return channel;
  };
  return { factory, openChannels: () => open.size };
}
