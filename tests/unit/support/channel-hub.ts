/**
 * BroadcastChannel between tabs, in memory: a message reaches every other
 * open channel of the same name, never the one that posted it, like the real one.
 */
import type { ChannelFactory } from '../../../src/chat/create-chat-history';

export function channelHub(): { factory: ChannelFactory; openChannels(): number } {
  const open = new Set<{ name: string; listeners: Set<() => void> }>();
  const factory: ChannelFactory = (name) => {
    const channel = { name, listeners: new Set<() => void>() };
    open.add(channel);
    return {
      postMessage() {
        for (const other of open)
          if (other !== channel && other.name === name)
            for (const listener of other.listeners) listener();
      },
      close() {
        open.delete(channel);
      },
      addEventListener(_type: string, listener: unknown) {
        if (typeof listener === 'function') channel.listeners.add(listener as () => void);
      },
      removeEventListener(_type: string, listener: unknown) {
        if (typeof listener === 'function') channel.listeners.delete(listener as () => void);
      },
    } as ReturnType<ChannelFactory>;
  };
  return { factory, openChannels: () => open.size };
}
