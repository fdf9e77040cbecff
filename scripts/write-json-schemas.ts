/** Writes the JSON Schema file of every wire shape (contract §4–5, §8) from the zod schemas. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as protocol from '../src/protocol/index';
import { uuidPattern } from '../src/protocol/regexes';
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

/**
 * JSON Schema `pattern` has no flags (draft 2020-12 §6.3.3, ECMA-262 syntax),
 * so zod writes a case-insensitive regex's source as it is, and
 * `uuidPattern` (`/…[0-9a-f]…/i`) would read as lower case only. The UUID's
 * pattern is written with both cases instead, as the collector accepts them
 * (and stores them in lower case).
 */
const caselessUuidSource = uuidPattern.source.replaceAll('0-9a-f', '0-9a-fA-F');

/** The JSON Schema of one wire shape, as published in `dist/schemas`. */
export function jsonSchemaOf(schema: z.core.$ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ jsonSchema }) => {
      if (jsonSchema.pattern === uuidPattern.source) jsonSchema.pattern = caselessUuidSource;
    },
  });
}

export async function writeJsonSchemas(folder: URL): Promise<void> {
  mkdirSync(folder, { recursive: true });
  for (const [name, schema] of Object.entries(wireSchemas)) {
    const json = jsonSchemaOf(schema);
    writeFileSync(
      new URL(`${name}.schema.json`, folder),
      `${JSON.stringify({ title: name, ...json }, null, 2)}\n`,
    );
  }
}
