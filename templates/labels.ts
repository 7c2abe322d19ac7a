import type { NoticeFacts } from '../lib/domain/outbound-job.ts';
import type { Category, Locale } from '../lib/domain/ticket.ts';

/** Words the notices need in the supervisors' language, for values that are codes in the data. */
const CATEGORY: Record<Locale, Record<Category, string>> = {
  en: { threat: 'threat', rude: 'rude', complaint: 'complaint', routine: 'routine' },
  'zh-Hans': { threat: '威胁', rude: '辱骂', complaint: '投诉', routine: '常规' },
  'zh-Hant': { threat: '威脅', rude: '辱罵', complaint: '客訴', routine: '一般' },
};

const CLOCK: Record<Locale, Record<NonNullable<NoticeFacts['clock']>, string>> = {
  en: { 'first-response': 'first response', 'next-response': 'next response', resolution: 'resolution' },
  'zh-Hans': { 'first-response': '首次回复', 'next-response': '后续回复', resolution: '解决' },
  'zh-Hant': { 'first-response': '首次回覆', 'next-response': '後續回覆', resolution: '解決' },
};

export const categoryLabel = (category: Category, locale: Locale): string => CATEGORY[locale][category];
export const clockLabel = (clock: NoticeFacts['clock'], locale: Locale): string => (clock ? CLOCK[locale][clock] : '');
