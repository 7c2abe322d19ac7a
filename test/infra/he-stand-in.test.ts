import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import standIn, { decode, encode, escapeUnsafe } from '../../infra/stand-ins/he.ts';

interface He {
  encode(text: string, options?: object): string;
  decode(html: string, options?: object): string;
  escape(text: string): string;
}
// The package the stand-in replaces in the bundles (mailparser's dependency).
const he = createRequire(import.meta.url)('he') as He;

/** Text with what an escaper must get right: markup, controls, C1, NBSP, lone surrogates and astral symbols. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '&', "'", '<', '>', '`', '=', '\0', '\t', '\n', '\r', '\x0b', '\x1f', '\x7f', '\x80', '\x81', '\x9d', '\x9f', '\xa0', '\ud800', '\udfff', '😀', 'é', '中'),
    fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
    fc.string({ maxLength: 3 }),
  ),
  maxLength: 40,
});

describe('the he stand-in mailparser gets in the bundles (infra/stand-ins/he.ts)', () => {
  it('encodes exactly as he does, with each option the stand-in honours', () => {
    const options = fc.record({ decimal: fc.boolean(), encodeEverything: fc.boolean(), allowUnsafeSymbols: fc.boolean() }, { requiredKeys: [] });
    fc.assert(
      fc.property(tricky, options, (text, o) => {
        expect(encode(text, o)).toBe(he.encode(text, o));
      }),
      { numRuns: 2000 },
    );
    expect(encode('Lin "Meiling" <lin@example.com> & 订单 😀')).toBe('Lin &#x22;Meiling&#x22; &#x3C;lin@example.com&#x3E; &#x26; &#x8BA2;&#x5355; &#x1F600;');
  });

  it('asked for named references, still escapes everything unsafe, and he reads back the text', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const html = encode(text, { useNamedReferences: true });
        expect(html).not.toMatch(/["'<>`]|&(?!#x[0-9A-F]+;)/);
        // he turns the references of NUL and of lone surrogates into U+FFFD, as HTML does.
        expect(he.decode(html)).toBe(he.decode(he.encode(text, { useNamedReferences: true })));
      }),
      { numRuns: 1000 },
    );
  });

  it('escapes as he does', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        expect(escapeUnsafe(text)).toBe(he.escape(text));
      }),
    );
  });

  it('decodes HTML references as he does', () => {
    const samples = [
      'Tom &amp; Jerry &lt;tj@example.com&gt;',
      '&quot;quoted&quot; &#39;single&#x27; &#96;',
      '&eacute;t&eacute; &Eacute; &euro;100 &hellip; &nbsp;',
      '&#x1F600; &#128512; &#X41; &#65',
      '&copy 2024, &amp without semicolon, &notin; &notit;',
      'no reference & a lone ampersand &; &#; &#x;',
      '&#0; &#xD800; &#x110000; &#128;',
    ];
    for (const html of samples) expect(decode(html)).toBe(he.decode(html));
    expect(decode('a=1&copy=2', { isAttributeValue: true })).toBe(he.decode('a=1&copy=2', { isAttributeValue: true }));
    fc.assert(
      fc.property(tricky, (text) => {
        expect(decode(encode(text))).toBe(he.decode(he.encode(text)));
      }),
    );
  });

  it('has the API mailparser imports (the default export) and refuses strict parsing', () => {
    expect(standIn.encode).toBe(encode);
    expect(standIn.decode).toBe(decode);
    expect(standIn.escape).toBe(escapeUnsafe);
    expect(() => encode('x', { strict: true })).toThrow(/strict mode is not bundled/);
    expect(() => decode('x', { strict: true })).toThrow(/strict mode is not bundled/);
  });
});
