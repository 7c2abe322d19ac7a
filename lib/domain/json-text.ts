import { ValidationError } from './errors.ts';

/**
 * JSON text from outside (a queue message, a config file, a variable):
 * parsed, or a ValidationError naming what it was and why it is not JSON.
 */
export function parseJsonText(text: string, what: string, fail: (message: string, cause: unknown) => Error = (m, cause) => new ValidationError(m, { cause })): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail(`${what} is not valid JSON: ${(error as Error).message}`, error);
  }
}
