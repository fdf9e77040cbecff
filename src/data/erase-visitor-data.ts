/**
 * The visitor's erasure (contract §4, §6): collect the ids the collector may
 * hold, wipe every local trace through the data registry, then ask the
 * collector to erase the same ids through the sender's durable outbox.
 */
import type { DeliveryOutcome, Sender } from '../net/create-sender';
import type { ErasureRequest } from '../protocol/erasure';
import type { DataRegistry } from './create-data-registry';

/**
 * Whether the collector has the request, it waits in the outbox (offline,
 * collector down), or the collector refused it (4xx), so the visitor must ask
 * the site another way.
 */
export type ErasureOutcome = DeliveryOutcome;

export interface EraseVisitorDataOptions {
  site: string;
  data: DataRegistry;
  sender(): Promise<Pick<Sender, 'deliver'>>;
  newId?: () => string;
}

/** The request's lists are bounded by its schema; the newest ids matter most. */
const maxIds = 1000;

export async function eraseVisitorData({
  site,
  data,
  sender,
  newId = () => crypto.randomUUID(),
}: EraseVisitorDataOptions): Promise<ErasureOutcome> {
  // Read first: erasing the sections erases the ids too.
  const ids = await data.erasureIds();
  await data.eraseAll();
  const request: ErasureRequest = {
    site,
    visitorId: ids.visitorId,
    consentIds: ids.consentIds.slice(-maxIds),
    leadIds: ids.leadIds.slice(-maxIds),
    conversationIds: ids.conversationIds.slice(-maxIds),
  };
  const id = newId();
  return (await sender()).deliver('erasure', id, request);
}
