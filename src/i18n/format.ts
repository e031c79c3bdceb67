// Dates, times and prices for residents, always in Europe/Rome; must not pick words like "free" (those are messages).
import { DateTime } from 'luxon';
import { intlLocale } from './language.js';

export const TIME_ZONE = 'Europe/Rome';

// Languages without a pattern here fall back to luxon's localized formats.
const PATTERNS: Record<string, { date: string; time: string; dateTime: string; spokenDate: string }> = {
  it: { date: 'cccc d LLLL yyyy', time: 'HH:mm', dateTime: 'cccc d LLLL yyyy, HH:mm', spokenDate: 'cccc d LLLL' },
  en: { date: 'cccc d LLLL yyyy', time: 'HH:mm', dateTime: 'cccc d LLLL yyyy, HH:mm', spokenDate: 'cccc d LLLL' },
};

export function toRome(value: string | DateTime | Date): DateTime {
  const dt =
    typeof value === 'string'
      ? DateTime.fromISO(value, { zone: TIME_ZONE })
      : value instanceof Date
        ? DateTime.fromJSDate(value, { zone: TIME_ZONE })
        : value.setZone(TIME_ZONE);
  if (!dt.isValid) throw new Error(`not a valid date-time: ${String(value)} (${dt.invalidExplanation ?? dt.invalidReason})`);
  return dt;
}

function inLang(iso: string | DateTime, lang: string): DateTime {
  return toRome(iso).setLocale(intlLocale(lang));
}

export function formatDateTime(iso: string | DateTime, lang: string): string {
  const dt = inLang(iso, lang);
  const p = PATTERNS[lang];
  return p ? dt.toFormat(p.dateTime) : dt.toLocaleString({ ...DateTime.DATE_HUGE, ...DateTime.TIME_24_SIMPLE });
}

export function formatDate(iso: string | DateTime, lang: string): string {
  const dt = inLang(iso, lang);
  const p = PATTERNS[lang];
  return p ? dt.toFormat(p.date) : dt.toLocaleString(DateTime.DATE_HUGE);
}

export function formatTime(iso: string | DateTime, lang: string): string {
  const dt = inLang(iso, lang);
  const p = PATTERNS[lang];
  return p ? dt.toFormat(p.time) : dt.toLocaleString(DateTime.TIME_24_SIMPLE);
}

/** Simple mode: the currency as a word ("12 euro", "12 euros"), easier to read aloud than a symbol. */
export function formatPriceSpoken(amount: number, lang: string): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: 'EUR', currencyDisplay: 'name', trailingZeroDisplay: 'stripIfInteger' }).format(amount);
}

export function formatPrice(amount: number, lang: string): string {
  // "30 €" reads better than "30,00 €" in a chat; cents stay when there are any.
  return new Intl.NumberFormat(intlLocale(lang), {
    style: 'currency',
    currency: 'EUR',
    trailingZeroDisplay: 'stripIfInteger',
  }).format(amount);
}

// Simple mode: the way a person would say it aloud, no year, minutes only when not on the hour.
const SPOKEN_TIME: Record<string, (dt: DateTime) => string> = {
  it: (dt) => {
    const time = dt.minute === 0 ? String(dt.hour) : dt.toFormat('H:mm');
    if (dt.hour === 0 && dt.minute === 0) return 'a mezzanotte';
    if (dt.hour === 12 && dt.minute === 0) return 'a mezzogiorno';
    return dt.hour === 1 ? `all'${time}` : `alle ${time}`;
  },
  en: (dt) => {
    if (dt.hour === 0 && dt.minute === 0) return 'at midnight';
    if (dt.hour === 12 && dt.minute === 0) return 'at noon';
    const hour12 = dt.hour % 12 === 0 ? 12 : dt.hour % 12;
    const time = dt.minute === 0 ? String(hour12) : `${hour12}:${dt.toFormat('mm')}`;
    return `at ${time} ${dt.hour < 12 ? 'am' : 'pm'}`;
  },
};

export function formatDateSpoken(iso: string | DateTime, lang: string): string {
  const dt = inLang(iso, lang);
  const p = PATTERNS[lang];
  const spokenTime = SPOKEN_TIME[lang];
  if (!p || !spokenTime) return formatDateTime(dt, lang);
  return `${dt.toFormat(p.spokenDate)} ${spokenTime(dt)}`;
}
