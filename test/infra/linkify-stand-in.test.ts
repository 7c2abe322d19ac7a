import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import linkifyOnDemand, { onDemand } from '../../infra/stand-ins/linkify-it.ts';

type Linkify = { match(text: string): { url: string }[] | null; test(text: string): boolean; pretest(text: string): boolean };
const requireHere = createRequire(import.meta.url);
const LinkifyIt = requireHere('linkify-it') as new (...args: unknown[]) => object;
const tlds = requireHere('tlds') as string[];

/** How mailparser configures its link finder (mailparser/dist/esm/mail-parser.js). */
function configure(l: Record<PropertyKey, unknown>) {
  const chain = l as unknown as { tlds(...a: unknown[]): typeof chain; add(...a: unknown[]): typeof chain; set(...a: unknown[]): typeof chain };
  chain.tlds(tlds).tlds('onion', true).add('git:', 'http:').add('ftp:', null).set({ fuzzyIP: true, fuzzyLink: true, fuzzyEmail: true });
  chain.add('@', {
    validate: (text: string, pos: number) => /^[a-z]{2,15}/.exec(text.slice(pos))?.[0].length ?? 0,
    normalize: (m: { url: string }) => {
      m.url = `https://example.social/${m.url.slice(1)}`;
    },
  });
  return l as unknown as Linkify;
}

const TEXT = 'see www.example.museum, shop.example.photography, git://example.org/x ftp://example.org 10.0.0.1/a @someone and hello.onion but not example.zzzz';

describe('the linkify-it stand-in mailparser gets in the bundles (infra/stand-ins/linkify-it.ts)', () => {
  it('builds nothing until links are asked for, then finds the links a configured linkify-it finds', () => {
    let built = 0;
    class Counted extends LinkifyIt {
      constructor(...args: unknown[]) {
        super(...args);
        built += 1;
      }
    }
    const lazy = configure(onDemand(Counted));
    expect(built).toBe(0);
    const expected = configure(new LinkifyIt() as Record<PropertyKey, unknown>).match(TEXT);
    expect(expected?.map((m) => m.url)).toContain('http://shop.example.photography');
    expect(expected?.map((m) => m.url)).toContain('https://example.social/someone');
    expect(lazy.pretest(TEXT)).toBe(true);
    expect(built).toBe(1);
    expect(lazy.match(TEXT)).toEqual(expected);
    expect(lazy.test('nothing here')).toBe(false);
    expect(built).toBe(1);
  });

  it('is what mailparser imports: a function called without new', () => {
    const l = configure(linkifyOnDemand());
    expect(l.match('mail me at a@example.com')?.[0]?.url).toBe('mailto:a@example.com');
  });
});
