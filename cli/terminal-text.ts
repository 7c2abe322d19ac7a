/**
 * Text from customers (and anything else that came in by mail) bound for a terminal. Control characters could
 * move the cursor, rewrite earlier lines or set the window title (escape sequences, carriage returns): they
 * become spaces. Every command that prints such text goes through these.
 */

/** One line: every control character, line breaks included, becomes a space. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/** Several lines: line breaks are kept, every other control character becomes a space. */
export function printableLines(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ');
}
