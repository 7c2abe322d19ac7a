/** A signal's excerpt for a terminal or a plain-text mail: the matched words between « and ». */
export function markedExcerpt(signal: { readonly excerpt: string; readonly span?: readonly [number, number] }): string {
  const { excerpt, span } = signal;
  return span ? `${excerpt.slice(0, span[0])}«${excerpt.slice(span[0], span[1])}»${excerpt.slice(span[1])}` : excerpt;
}
