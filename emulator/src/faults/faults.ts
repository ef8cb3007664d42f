/**
 * Fault injection rules, set through `/simulator/api/faults`. API rules disturb
 * incoming Core API / SNAP-BI requests (never the simulator itself, so a test
 * can always clear them); notification rules disturb outgoing webhooks.
 * Every rule counts its hits and can be limited to N applications.
 */
import { z } from 'zod';

const times = z.number().int().positive().optional();

const apiRuleSchema = z.object({
  kind: z.literal('api').optional(),
  match: z
    .object({
      method: z.string().optional(),
      path: z.string().optional(),
      orderId: z.string().optional(),
    })
    .default({}),
  action: z.enum(['latency', 'status', 'reset', 'hang']),
  ms: z.number().int().nonnegative().optional(),
  status: z.number().int().min(400).max(599).optional(),
  /** `before` (default): the request is not processed. `after`: processed, then the reply is disturbed. */
  when: z.enum(['before', 'after']).optional(),
  times,
});

const notificationRuleSchema = z.object({
  kind: z.literal('notification'),
  action: z.enum(['drop', 'duplicate', 'delay', 'reorder', 'late']),
  orderId: z.string().optional(),
  seconds: z.number().nonnegative().optional(),
  times,
});

/** Accepted request body for `POST /simulator/api/faults`. */
export const faultRuleSchema = z.union([notificationRuleSchema, apiRuleSchema]);

export type ApiFaultInput = z.infer<typeof apiRuleSchema>;
export type NotificationFaultInput = z.infer<typeof notificationRuleSchema>;

interface Counted {
  id: string;
  /** How many times the rule has been applied. */
  hits: number;
  /** Applications left; null = unlimited. */
  remaining: number | null;
}

/** A stored API fault rule. */
export type ApiFault = ApiFaultInput & Counted & { kind: 'api' };
/** A stored notification fault rule. */
export type NotificationFault = NotificationFaultInput & Counted;
export type FaultRule = ApiFault | NotificationFault;

/** The registry both the HTTPS server and the dispatcher consult. */
export class FaultRegistry {
  private rules: FaultRule[] = [];
  private nextId = 1;

  /**
   * @param transactionIds the Midtrans transaction ids of an order id, so an
   *   `orderId` rule also matches a request naming only the transaction (SNAP-BI
   *   refunds and queries often carry just `originalReferenceNo`).
   */
  constructor(private readonly transactionIds: (orderId: string) => string[] = () => []) {}

  /** Validates and stores a rule; throws a ZodError on a bad rule. */
  add(input: unknown): FaultRule {
    const parsed = faultRuleSchema.parse(input);
    const counted = { id: `f${this.nextId++}`, hits: 0, remaining: parsed.times ?? null };
    const rule: FaultRule =
      parsed.kind === 'notification' ? { ...parsed, ...counted } : { ...parsed, kind: 'api', ...counted };
    if (rule.kind === 'api' && rule.action === 'status' && rule.status === undefined) rule.status = 503;
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  /** The first API rule matching this request; consumes one application. */
  takeApi(method: string, path: string, rawBody: string | Buffer): ApiFault | undefined {
    // Decoded only if an orderId rule looks at it: with no faults set, every request skipped a copy of its body.
    let text: string | undefined = typeof rawBody === 'string' ? rawBody : undefined;
    const body = (): string => (text ??= rawBody.toString('utf8'));
    const rule = this.rules.find(
      (r): r is ApiFault =>
        r.kind === 'api' && r.remaining !== 0 && apiMatches(r, method, path, body, this.transactionIds),
    );
    return rule ? this.consume(rule) : undefined;
  }

  /** The first notification rule with `action` matching this order; consumes one application. */
  takeNotification(action: NotificationFault['action'], orderId: string): NotificationFault | undefined {
    const rule = this.rules.find(
      (r): r is NotificationFault =>
        r.kind === 'notification' &&
        r.action === action &&
        r.remaining !== 0 &&
        (r.orderId === undefined || r.orderId === orderId),
    );
    return rule ? this.consume(rule) : undefined;
  }

  private consume<R extends FaultRule>(rule: R): R {
    rule.hits++;
    if (rule.remaining !== null) rule.remaining--;
    // Spent rules stay listed (with remaining 0) so a test can assert they fired.
    return rule;
  }
}

/**
 * `path` matches as a substring, or as a regular expression written `/source/flags`.
 * `orderId` matches when it, or one of its transaction ids, appears in the path
 * or the raw body (order ids are in the URL for Core actions and in the JSON
 * body for charges and SNAP-BI; SNAP-BI calls may name only the transaction).
 */
function apiMatches(
  rule: ApiFault,
  method: string,
  path: string,
  rawBody: () => string,
  transactionIds: (orderId: string) => string[],
): boolean {
  const m = rule.match;
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m.path && !pathMatches(m.path, path)) return false;
  if (m.orderId) {
    const names = (id: string): boolean => path.includes(id) || rawBody().includes(id);
    if (!names(m.orderId) && !transactionIds(m.orderId).some(names)) return false;
  }
  return true;
}

function pathMatches(pattern: string, path: string): boolean {
  if (path.includes(pattern)) return true;
  // `/v2/charge` is both a path and regex-shaped, hence substring first, regex second.
  const re = /^\/(.+)\/([imsu]*)$/.exec(pattern);
  if (!re) return false;
  try {
    return new RegExp(re[1] as string, re[2]).test(path);
  } catch {
    return false;
  }
}
