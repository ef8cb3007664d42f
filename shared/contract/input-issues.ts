/**
 * Schema failures as contract errors: a short English description for logs,
 * and the first issue as `field` (its input path, e.g. `price`) plus params
 * the renderer words (`issue` = zod's code, and its bounds: `minimum`,
 * `maximum`, `origin`, `expected`, `format`, `divisor`).
 */
import type { z } from 'zod';
import type { ErrorDetail } from './result';

/** One zod issue. */
export type SchemaIssue = z.core.$ZodIssue;

const BOUNDS = ['minimum', 'maximum', 'origin', 'expected', 'format', 'divisor'] as const;

/** "price: Too small; name: Required", the first few issues. */
export function describeIssues(issues: readonly SchemaIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** `field` and params of the first issue (numbers and short strings only). */
export function invalidInputDetail(issues: readonly SchemaIssue[]): ErrorDetail<'INVALID_INPUT'> {
  const first = issues[0];
  if (!first) return {};
  const params: Record<string, string | number> = { issue: first.code };
  for (const bound of BOUNDS) {
    const value: unknown = (first as unknown as Record<string, unknown>)[bound];
    if (typeof value === 'number' && Number.isFinite(value)) params[bound] = value;
    else if (typeof value === 'bigint') params[bound] = Number(value);
    else if (typeof value === 'string' && value.length <= 40) params[bound] = value;
  }
  const field = first.path.map(String).join('.');
  return { params: params as ErrorDetail<'INVALID_INPUT'>['params'], ...(field ? { field } : {}) };
}
