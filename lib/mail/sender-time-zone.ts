// Zones for the offsets that are not whole hours and belong to one place without daylight saving.
const PARTIAL_HOURS: Readonly<Record<string, string>> = {
  '+0530': 'Asia/Kolkata',
  '+0545': 'Asia/Kathmandu',
  '+0630': 'Asia/Yangon',
  '+0930': 'Australia/Darwin',
  '-0930': 'Pacific/Marquesas',
};

/**
 * The customer's time zone as far as their Date header tells it: the UTC
 * offset their mail client wrote, as an IANA zone (`+0800` → `Etc/GMT-8`,
 * whose sign POSIX inverts). `+0000` and `-0000` are what servers and clients
 * with no idea write, so they say nothing; neither does an offset no zone has.
 */
export function timeZoneFromDateHeader(value: string | undefined): string | undefined {
  const match = value?.match(/([+-])(\d{2})(\d{2})(?:\s*\([^)]*\))?\s*$/);
  if (!match) return undefined;
  const [, sign, hh, mm] = match as unknown as [string, '+' | '-', string, string];
  const hours = Number(hh);
  if ((hours === 0 && mm === '00') || Number(mm) >= 60) return undefined;
  if (mm !== '00') return PARTIAL_HOURS[`${sign}${hh}${mm}`];
  if (sign === '+' ? hours > 14 : hours > 12) return undefined;
  return `Etc/GMT${sign === '+' ? '-' : '+'}${hours}`;
}
