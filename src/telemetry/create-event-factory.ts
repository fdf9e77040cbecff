/**
 * Makes telemetry events, each with a fresh id and time, and checks each with
 * its own schema the moment it is made: an event that does not fit is
 * dropped here and never queued (with a console warning only in debug mode).
 */
import {
  type DeviceEvent,
  deviceEvent,
  type EngagementEvent,
  engagementEvent,
  type LinkClickEvent,
  linkClickEvent,
  type PageViewEvent,
  pageViewEvent,
  type TelemetryEvent,
  type WidgetEvent,
  widgetEvent,
} from '../protocol/events';
import type { z } from '../protocol/zod-setup';

type Fields<Event> = Omit<Event, 'id' | 'at' | 'type'>;

/** One maker per event type; each returns null when the event is invalid. */
export interface EventFactory {
  pageView(fields: Fields<PageViewEvent>): PageViewEvent | null;
  linkClick(fields: Fields<LinkClickEvent>): LinkClickEvent | null;
  engagement(fields: Fields<EngagementEvent>): EngagementEvent | null;
  widget(action: string, lengthBucket?: string): WidgetEvent | null;
  device(fields: Fields<DeviceEvent>): DeviceEvent | null;
}

export interface EventFactoryOptions {
  newId?: () => string;
  now?: () => number;
  /** Told about each dropped event; the caller decides whether to say anything. */
  onInvalid?: (type: TelemetryEvent['type'], issues: string) => void;
}

export function createEventFactory(options: EventFactoryOptions = {}): EventFactory {
  const { newId = () => crypto.randomUUID(), now = Date.now, onInvalid = () => {} } = options;

  function make<Schema extends z.ZodMiniType<TelemetryEvent>>(
    schema: Schema,
    type: TelemetryEvent['type'],
    fields: object,
  ): z.infer<Schema> | null {
    const result = schema.safeParse({
      id: newId(),
      at: new Date(now()).toISOString(),
      type,
      ...fields,
    });
    if (result.success) return result.data;
    onInvalid(
      type,
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
    return null;
  }

  return {
    pageView: (fields) => make(pageViewEvent, 'page-view', fields),
    linkClick: (fields) => make(linkClickEvent, 'link-click', fields),
    engagement: (fields) => make(engagementEvent, 'engagement', fields),
    widget: (action, lengthBucket) =>
      make(
        widgetEvent,
        'widget',
        lengthBucket === undefined ? { action } : { action, lengthBucket },
      ),
    device: (fields) => make(deviceEvent, 'device', fields),
  };
}
