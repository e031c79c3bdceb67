// Dates, times and prices for residents, always in Europe/Rome; must not pick words like "free" (those are messages).
// How a language writes and says dates is word data (dates in locales/<lang>/lexicon.yaml), passed in as the Lexicon.
import { DateTime } from 'luxon';
import type { Lexicon } from './lexicon.js';

export const TIME_ZONE = 'Europe/Rome';

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

function inLang(iso: string | DateTime, lang: string, lexicon: Lexicon): DateTime {
  return toRome(iso).setLocale(lexicon.intlLocale(lang));
}

// Languages whose data has no dates fall back to luxon's localized formats.
export function formatDateTime(iso: string | DateTime, lang: string, lexicon: Lexicon): string {
  const dt = inLang(iso, lang, lexicon);
  const p = lexicon.dates(lang);
  return p ? dt.toFormat(p.date_time) : dt.toLocaleString({ ...DateTime.DATE_HUGE, ...DateTime.TIME_24_SIMPLE });
}

/** A day without its weekday ("31 dicembre 2025"): texts put it after a preposition, "scaduto il giorno …", "până la …". */
export function formatDate(iso: string | DateTime, lang: string, lexicon: Lexicon): string {
  const dt = inLang(iso, lang, lexicon);
  const p = lexicon.dates(lang);
  return p ? dt.toFormat(p.date) : dt.toLocaleString(DateTime.DATE_FULL);
}

export function formatTime(iso: string | DateTime, lang: string, lexicon: Lexicon): string {
  const dt = inLang(iso, lang, lexicon);
  const p = lexicon.dates(lang);
  return p ? dt.toFormat(p.time) : dt.toLocaleString(DateTime.TIME_24_SIMPLE);
}

/** Simple mode: the currency as a word ("12 euro", "12 euros"), easier to read aloud than a symbol. */
export function formatPriceSpoken(amount: number, lang: string, lexicon: Lexicon): string {
  return new Intl.NumberFormat(lexicon.intlLocale(lang), {
    style: 'currency',
    currency: 'EUR',
    currencyDisplay: 'name',
    trailingZeroDisplay: 'stripIfInteger',
  }).format(amount);
}

export function formatPrice(amount: number, lang: string, lexicon: Lexicon): string {
  // "30 €" reads better than "30,00 €" in a chat; cents stay when there are any.
  return new Intl.NumberFormat(lexicon.intlLocale(lang), {
    style: 'currency',
    currency: 'EUR',
    trailingZeroDisplay: 'stripIfInteger',
  }).format(amount);
}

/** Simple mode: the way a person would say it aloud, no year, minutes only when not on the hour. */
export function formatDateSpoken(iso: string | DateTime, lang: string, lexicon: Lexicon): string {
  const dt = inLang(iso, lang, lexicon);
  const p = lexicon.dates(lang);
  if (!p) return formatDateTime(dt, lang, lexicon);
  const s = p.spoken_time;
  const onTheHour = dt.minute === 0;
  let said: string;
  if (onTheHour && dt.hour === 0) said = s.midnight;
  else if (onTheHour && dt.hour === 12) said = s.noon;
  else {
    const time = dt.toFormat(onTheHour ? s.hour : s.hour_minutes);
    const phrase = s.at_hours[String(dt.hour)] ?? (dt.hour >= 12 && s.at_pm ? s.at_pm : s.at);
    said = phrase.replace('{time}', time);
  }
  return `${dt.toFormat(p.spoken_date)} ${said}`;
}
