import type { Locale } from '../lib/domain/ticket.ts';

/**
 * A deadline as a person in the locale writes it, in the reader's zone:
 *   en       Thursday, 3 December 2026 at 21:11 GMT+8
 *   zh-Hans  2026年12月3日（星期四）21:11（GMT+8）
 *   zh-Hant  2026年12月3日（星期四）晚上9:11（GMT+8）
 * Mainland mail writes the 24-hour clock; Taiwan and Hong Kong write the time
 * of day (上午, 下午, 晚上) with a 12-hour clock, no leading zero. A named zone
 * reads as people say it (台灣時間, 英国时间); an offset as GMT+8.
 */
export function formatDeadline(at: Date, locale: Locale, timeZone: string): string {
  if (locale === 'en') {
    return formatter('en-GB', {
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    }).format(at);
  }
  const intl = locale === 'zh-Hant' ? 'zh-TW' : 'zh-CN';
  const part = (options: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes) =>
    formatter(intl, { timeZone, ...options })
      .formatToParts(at)
      .find((p) => p.type === type)?.value ?? '';
  const date = formatter(intl, { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const field = (type: Intl.DateTimeFormatPartTypes) => date.find((p) => p.type === type)?.value ?? '';
  const weekday = part({ weekday: 'long' }, 'weekday');
  const minute = part({ hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }, 'minute').padStart(2, '0');
  const time =
    locale === 'zh-Hant'
      ? `${part({ hour: 'numeric', hourCycle: 'h12', dayPeriod: 'short' }, 'dayPeriod')}${Number(part({ hour: 'numeric', hourCycle: 'h12' }, 'hour'))}:${minute}`
      : `${part({ hour: '2-digit', hourCycle: 'h23' }, 'hour').padStart(2, '0')}:${minute}`;
  return `${field('year')}年${field('month')}月${field('day')}日（${weekday}）${time}（${zoneName(at, intl, timeZone)}）`;
}

/** The zone as Chinese readers know it: a region's name for a named zone, else its offset. */
function zoneName(at: Date, intl: string, timeZone: string): string {
  if (timeZone === 'Asia/Shanghai' || timeZone === 'Asia/Chongqing' || timeZone === 'PRC') return intl === 'zh-TW' ? '北京時間' : '北京时间';
  const generic =
    formatter(intl, { timeZone, timeZoneName: 'shortGeneric' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  // 台灣時間, 英国时间, 纽约时间; not 'ET' or 中国香港特别行政区时间, where the offset reads better.
  if (/^\p{Script=Han}{2,6}$/u.test(generic)) return generic;
  const offset =
    formatter('en', { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return offset === 'GMT+0' || offset === 'GMT' ? (timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 'UTC' : 'GMT') : offset;
}

/**
 * Formatters, made once per locale, zone and options: building one costs ICU far more than using it, and a
 * deadline in Chinese reads six of them. The zones are the team's and its customers' (offsets from Date
 * headers), so the cache stays small.
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let made = FORMATTERS.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, options);
    FORMATTERS.set(key, made);
  }
  return made;
}
