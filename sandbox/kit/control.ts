import { z } from 'zod';
import type { SandboxFault } from './faults.js';

/** What both sandboxes' control planes (/__sandbox) share: the fault schema and safe decoding. */

const common = {
  path: z
    .string()
    .regex(/^\/[^\s?#]*$/, 'path must be a URL path such as /v2/topup')
    .optional(),
  times: z.number().int().min(1).max(10_000).optional(),
};

export const sandboxFaultSchema: z.ZodType<SandboxFault> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000), ...common }),
  z.strictObject({
    kind: z.literal('status'),
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503)]),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    ...common,
  }),
  z.strictObject({ kind: z.literal('reset-after-create'), ...common }),
  z.strictObject({ kind: z.literal('reset'), ...common }),
  z.strictObject({ kind: z.literal('malformed-json'), ...common }),
  z.strictObject({ kind: z.literal('gateway-timeout'), ...common }),
]);

export function parseJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(Buffer.from(body).toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

export function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
