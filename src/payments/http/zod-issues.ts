import type { z } from 'zod';

/** Lists where a body failed its schema, never the values (a body may carry a PIN or a token). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
