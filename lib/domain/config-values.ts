import { ConfigError } from './errors.ts';
import { parseJsonText } from './json-text.ts';
import * as z from './zod.ts';

/** An IANA time zone name the runtime knows. */
export const TimeZoneSchema = z.string().check(
  z.refine((tz) => {
    // UTC, the default, is valid by definition (ECMA-402): asking Intl would load ICU's zone data at every cold start.
    if (tz === 'UTC') return true;
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone: use an IANA name such as Europe/Paris or Asia/Shanghai'),
);

/** JSON text of a config file or variable; `source` names it in the error. */
export function parseConfigJson(json: string, source: string): unknown {
  return parseJsonText(json, source, (message, cause) => new ConfigError(message, { cause }));
}
