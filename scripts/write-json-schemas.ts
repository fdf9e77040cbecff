/** Writes the JSON Schema file of every wire shape (contract §4–5, §8) from the zod schemas. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as protocol from '../src/protocol/index';
import { z } from '../src/protocol/zod-setup';

/** File name → schema. Exported so a test can check the files match. */
export const wireSchemas = {
  'consent-receipt': protocol.consentReceipt,
  'event-batch': protocol.eventBatch,
  lead: protocol.lead,
  'erasure-request': protocol.erasureRequest,
  'rights-request': protocol.rightsRequest,
  'chat-request': protocol.chatRequest,
  'chat-json-response': protocol.chatJsonResponse,
  ...Object.fromEntries(
    Object.entries(protocol.chatStreamEvents).map(([name, schema]) => [
      `chat-stream-${name}`,
      schema,
    ]),
  ),
} as const;

export async function writeJsonSchemas(folder: URL): Promise<void> {
  mkdirSync(folder, { recursive: true });
  for (const [name, schema] of Object.entries(wireSchemas)) {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
    writeFileSync(
      new URL(`${name}.schema.json`, folder),
      `${JSON.stringify({ title: name, ...json }, null, 2)}\n`,
    );
  }
}
