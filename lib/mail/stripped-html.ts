/**
 * The words of HTML read without building a DOM: what parseMail falls back to when html-to-text cannot
 * convert a message's markup. Every pattern stops at the next `<`, so the work grows with the length of
 * the markup whatever it holds. No layout: block tags become line breaks, other tags disappear, style and
 * script contents are left out and the common entities decoded.
 */
export function textWithoutTags(html: string): string {
  const flat = outsideStyleAndScript(html).replace(/\s+/g, ' ').replace(BLOCK_TAG, '\n').replace(ANY_TAG, '');
  return decodeEntities(flat)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const BLOCK_TAG = /<\/?(?:br|p|div|li|tr|td|th|h[1-6]|blockquote|pre|table|ul|ol|hr)\b[^<>]*>/gi;
const ANY_TAG = /<[^<>]*>/g;
const STYLE_OR_SCRIPT = /(<\/?)(?:style|script)\b[^<>]*>/i;

/** The markup outside `<style>` and `<script>` elements; an element never closed hides the rest. */
function outsideStyleAndScript(html: string): string {
  // split with one capture group: text, then '<' or '</' and the text after that tag, and so on
  const parts = html.split(STYLE_OR_SCRIPT);
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    if (parts[i] === '</') out += ` ${parts[i + 1] ?? ''}`;
  }
  return out;
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Numeric entities and the few named ones plain text needs, in one pass so `&amp;lt;` stays `&lt;`. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/gi, (entity, name: string) => {
    if (!name.startsWith('#')) return NAMED[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}
