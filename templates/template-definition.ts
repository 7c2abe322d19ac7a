import type { Locale } from '../lib/domain/ticket.ts';
import type * as z from '../lib/domain/zod.ts';

export interface LocalizedTemplate {
  readonly subject: string;
  readonly text: string;
  /** The body only; the shared layout wraps it. */
  readonly html: string;
}

export interface TemplateDefinition<S extends z.ZodMiniType> {
  readonly id: string;
  readonly schema: S;
  readonly locales: Readonly<Record<Locale, LocalizedTemplate>>;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}
