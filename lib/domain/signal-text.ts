/** A signal's excerpt for a terminal or a plain-text mail: the matched words between « and ». */
export function markedExcerpt(signal: { readonly excerpt: string; readonly span?: { readonly start: number; readonly end: number } }): string {
  const { excerpt, span } = signal;
  return span ? `${excerpt.slice(0, span.start)}«${excerpt.slice(span.start, span.end)}»${excerpt.slice(span.end)}` : excerpt;
}
