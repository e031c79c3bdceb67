// Builds the channel-neutral card of one service in the resident's language; no I/O, no choices (the step adds them).
import { formatPrice } from '../i18n/format.js';
import type { Lexicon } from '../i18n/lexicon.js';
import type { MessageParams, Register } from '../i18n/translator.js';
import type { ContactPoint, Municipality, Price, Service } from '../welfare/contract.js';
import { contactHours } from './contact-text.js';
import type { CardField, ServiceCardView } from './messages.js';
import { localized } from './steps/common.js';

type T = (key: string, params?: MessageParams) => string;

export const SERVICE_CARD_TEXTS = [
  'discovery.card.audience',
  'discovery.card.delivery',
  'discovery.card.where',
  'discovery.card.price',
  'discovery.card.requirements',
  'discovery.card.contact',
  'discovery.card.price_single',
  'discovery.card.price_reduced',
  'discovery.card.phone',
  'discovery.card.hours',
  'discovery.card.own_municipality',
  'common.free',
  ...['parents', 'children', 'teenagers', 'families', 'elderly', 'carers', 'adults', 'employees'].map((a) => `discovery.audience.${a}`),
  ...['in_person', 'at_home', 'online'].map((d) => `discovery.delivery.${d}`),
  ...['session', 'hour', 'month', 'course'].map((u) => `discovery.unit.${u}`),
] as const;

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

function list(items: string[], lang: string, type: 'conjunction' | 'disjunction', lexicon: Lexicon): string {
  return new Intl.ListFormat(lexicon.intlLocale(lang), { style: 'long', type }).format(items);
}

function priceText(price: Price, lang: string, t: T, lexicon: Lexicon): string {
  if (price.full === 0) return capitalise(t('common.free'));
  const unit = t(`discovery.unit.${price.unit}`);
  const full = formatPrice(price.full, lang, lexicon);
  if (price.reduced >= price.full) return t('discovery.card.price_single', { amount: full, unit });
  const reduced = price.reduced === 0 ? t('common.free') : formatPrice(price.reduced, lang, lexicon);
  return t('discovery.card.price_reduced', { full, reduced, unit });
}

/**
 * Who answers: for a service each municipality runs for its own residents, the resident's municipality's social services
 * when the municipality is known, else every municipality's (name and phone); otherwise the service's contact point.
 */
function contactField(service: Service, municipalities: Municipality[], residence: string | undefined, lang: string, t: T, lexicon: Lexicon): string {
  if (!service.municipalContact) return contactText(service.contactPoint, lang, t, lexicon);
  const own = municipalities.find((m) => m.id === residence)?.socialServices;
  if (own) return contactText(own, lang, t, lexicon);
  const offices = municipalities
    .filter((m) => service.municipalities.includes(m.id) && m.socialServices)
    .map((m) => `• ${m.name}: ${m.socialServices!.phone ?? m.socialServices!.email ?? m.socialServices!.name}`);
  return offices.length > 0 ? [t('discovery.card.own_municipality'), ...offices].join('\n') : contactText(service.contactPoint, lang, t, lexicon);
}

function contactText(c: ContactPoint, lang: string, t: T, lexicon: Lexicon): string {
  const hours = contactHours(c, lang, lexicon.intlLocale(lang));
  return [
    c.name,
    c.phone ? t('discovery.card.phone', { phone: c.phone }) : undefined,
    c.email,
    c.url,
    hours ? t('discovery.card.hours', { hours }) : undefined,
  ]
    .filter((line): line is string => Boolean(line))
    .join('\n');
}

export function serviceCardView(
  service: Service,
  municipalities: Municipality[],
  lang: string,
  t: T,
  lexicon: Lexicon,
  residence?: string,
  register: Register = {},
): ServiceCardView {
  const names = new Map(municipalities.map((m) => [m.id, m.name]));
  const requirements = service.requirements.map((r) => localized(r, lang, register));
  const fields: (CardField | undefined)[] = [
    {
      label: t('discovery.card.audience'),
      value: capitalise(
        list(
          service.audience.map((a) => t(`discovery.audience.${a}`)),
          lang,
          'conjunction',
          lexicon,
        ),
      ),
    },
    {
      label: t('discovery.card.delivery'),
      value: capitalise(
        list(
          service.delivery.map((d) => t(`discovery.delivery.${d}`)),
          lang,
          'disjunction',
          lexicon,
        ),
      ),
    },
    {
      label: t('discovery.card.where'),
      value: list(
        (service.venues ?? service.municipalities).map((id) => names.get(id) ?? id),
        lang,
        'conjunction',
        lexicon,
      ),
    },
    { label: t('discovery.card.price'), value: priceText(service.price, lang, t, lexicon) },
    requirements.length === 0
      ? undefined
      : {
          label: t('discovery.card.requirements'),
          value: requirements.length === 1 ? requirements[0]! : requirements.map((r) => `• ${r}`).join('\n'),
        },
    { label: t('discovery.card.contact'), value: contactField(service, municipalities, residence, lang, t, lexicon) },
  ];
  return {
    title: localized(service.name, lang),
    subtitle: service.provider.name,
    description: localized(service.description, lang, register),
    fields: fields.filter((f): f is CardField => f !== undefined && f.value !== ''),
  };
}
