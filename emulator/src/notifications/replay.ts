/**
 * The "replay a captured notification" fault: what a request to
 * `POST /simulator/api/notifications/replay` (or `emu.dispatcher.replay`) may
 * ask for, and how a body is padded with a junk field.
 */
import { z } from 'zod';

/** Upper bounds keep a typo from tying the emulator up for minutes. */
const MAX_TIMES = 10_000;
const MAX_PAD_BYTES = 4 * 1024 * 1024;

/** What to replay and how. Give `id` (a delivery-log id) or `orderId` (its newest notification, optionally of `status`). */
export const replayRequestSchema = z
  .object({
    id: z.number().int().positive().optional(),
    orderId: z.string().min(1).optional(),
    status: z.string().min(1).optional(),
    times: z.number().int().min(1).max(MAX_TIMES).default(1),
    pad: z
      .object({ bytes: z.number().int().min(1).max(MAX_PAD_BYTES), field: z.string().min(1).max(64).optional() })
      .optional(),
    /** SNAP-BI only: sign the (padded) body afresh, so the replay carries a valid signature. */
    resign: z.boolean().optional(),
    /** Send to this URL instead of the original one. */
    url: z.string().url().optional(),
  })
  .refine((r) => r.id !== undefined || r.orderId !== undefined, { message: 'give id or orderId' });

export type ReplayRequest = z.infer<typeof replayRequestSchema>;

/**
 * Adds `field` holding `bytes` ASCII characters at the end of a JSON object
 * body, compact like the original. Undefined when the body is not a JSON object.
 */
export function padBody(body: string, field: string, bytes: number): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return JSON.stringify({ ...(parsed as Record<string, unknown>), [field]: 'x'.repeat(bytes) });
}
