/**
 * A typed event emitter in the manner of mitt: a factory with its handlers in
 * a closure. A handler that throws is reported to `onHandlerError` and never
 * stops the others, because site code runs in these handlers.
 */

/** Handler for one event. */
export type Handler<Payload> = (payload: Payload) => void;

/** An emitter over the event map `Events`. */
export interface Emitter<Events extends Record<string, unknown>> {
  on<Name extends keyof Events>(name: Name, handler: Handler<Events[Name]>): () => void;
  emit<Name extends keyof Events>(name: Name, payload: Events[Name]): void;
  clear(): void;
}

export function createEmitter<Events extends Record<string, unknown>>(
  onHandlerError: (error: unknown) => void = () => {},
): Emitter<Events> {
  const handlers = new Map<keyof Events, Set<Handler<never>>>();
  return {
    on(name, handler) {
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
      }
      set.add(handler as Handler<never>);
      return () => {
        handlers.get(name)?.delete(handler as Handler<never>);
      };
    },
    emit(name, payload) {
      for (const handler of [...(handlers.get(name) ?? [])]) {
        try {
          (handler as Handler<typeof payload>)(payload);
        } catch (error) {
          onHandlerError(error);
        }
      }
    },
    clear() {
      handlers.clear();
    },
  };
}
