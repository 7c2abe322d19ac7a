// linkify-it ships no types; its stand-in (linkify-it.ts) needs only the constructor.
declare module 'linkify-it' {
  const LinkifyIt: new (...args: unknown[]) => object;
  export default LinkifyIt;
}
