import type { core } from 'zod/mini';

/** One line per zod issue (classic or mini), each naming the path it is about: `field.sub: message`. */
export function describeZodError(error: core.$ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
}
