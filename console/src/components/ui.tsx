import type { ComponentChildren } from 'preact';
import type { Category, Ticket, TicketStatus } from '../api/client.ts';
import type { Translate } from '../i18n.ts';
import { formatSpan, nextDeadline, urgencyOf } from '../time.ts';

export function CategoryBadge({ category, t }: { category: Category; t: Translate }) {
  return <span class={`badge cat-${category}`}>{t(`cat_${category}`)}</span>;
}

export function StatusBadge({ status, t }: { status: TicketStatus; t: Translate }) {
  return <span class={`badge status-${status}`}>{t(`st_${status}`)}</span>;
}

/** A live countdown to a deadline, coloured (and worded) for at-risk and breached, with the exact time on hover and for screen readers. */
export function Countdown({ dueAt, now, t, locale }: { dueAt: string | undefined; now: number; t: Translate; locale: string }) {
  if (!dueAt) return <span class="due due-none">{t('noDeadline')}</span>;
  const left = Date.parse(dueAt) - now;
  const urgency = urgencyOf(dueAt, now);
  const units = { d: t('unitD'), h: t('unitH'), m: t('unitM'), s: t('unitS') };
  const exact = new Date(dueAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <time class={`due due-${urgency}`} dateTime={dueAt} title={exact}>
      {left > 0 ? t('dueIn', { time: formatSpan(left, units) }) : t('overdueBy', { time: formatSpan(left, units) })}
    </time>
  );
}

export function TicketDue({ ticket, now, t, locale }: { ticket: Ticket; now: number; t: Translate; locale: string }) {
  return <Countdown dueAt={nextDeadline(ticket)} now={now} t={t} locale={locale} />;
}

export function CustomerFlags({ flags, t }: { flags: { rude?: boolean | undefined; threat?: boolean | undefined; vip?: boolean | undefined } | undefined; t: Translate }) {
  const set = (['threat', 'rude', 'vip'] as const).filter((f) => flags?.[f]);
  if (set.length === 0) return null;
  return (
    <span class="flags">
      {set.map((f) => (
        <span key={f} class={`badge flag-${f}`}>
          {t(`flag_${f}`)}
        </span>
      ))}
    </span>
  );
}

/** A message announced to screen readers (role=status) or, for errors, at once (role=alert). */
export function Notice({ kind, children }: { kind: 'info' | 'error' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'info' ? 'status' : 'alert'}>
      {children}
    </div>
  );
}
