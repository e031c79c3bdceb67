// Where and how long: a home visit only from the resident's own municipality, every slot naming its place and length,
// no two choices alike, the read-back naming the place, and a service card's "Dove" where it really takes place.
import { afterEach, describe, expect, it } from 'vitest';
import type { BotMessage } from '../../src/conversation/messages.js';
import { conversation, type Talk } from '../support/conversation.js';
import { LANGS, maria, phrases } from './phrases.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

const words = {
  it: {
    birthQuestion: /data di nascita/,
    birthDate: '12/03/1945',
    dailyHelp: /aiuto/i,
    atHomeCampodoro: /a casa tua, a Campodoro/,
    oneHour: /09:30 \(1 ora\)/,
    where: /Dove: a casa tua, a Campodoro/,
    welcome: /Quando: .*\. Veniamo a casa tua, a Campodoro\./,
    cardWhere: /Dove: Limena$/m,
    notHere: /non viene a domicilio a Campodoro: lo offrono solo Piazzola sul Brenta, Limena e Villafranca Padovana/,
    cardWhereThree: /Dove: Piazzola sul Brenta, Campo San Martino e Limena/,
  },
  en: {
    birthQuestion: /date of birth/,
    birthDate: '12/03/1945',
    dailyHelp: /help/i,
    atHomeCampodoro: /at your home in Campodoro/,
    oneHour: /09:30 \(1 hour\)/,
    where: /Where: at your home in Campodoro/,
    welcome: /When: .*\. We come to your home in Campodoro\./,
    cardWhere: /Where: Limena$/m,
    notHere: /does not come to homes in Campodoro: it is only offered in Piazzola sul Brenta, Limena and Villafranca Padovana/,
    cardWhereThree: /Where: Piazzola sul Brenta, Campo San Martino and Limena/,
  },
} as const;

const OTHER_TOWNS = /Piazzola|Campo San Martino|Limena|Villafranca/;

function choiceLabels(messages: BotMessage[]): string[] {
  return messages.flatMap((m) => (m.type === 'choices' ? m.choices.map((c) => c.label) : []));
}

describe.each(LANGS)('places and times (%s)', (lang) => {
  const p = phrases[lang];
  const w = words[lang];

  it('a Campodoro resident booking home care is offered only Campodoro home visits, each naming the place, none alike', async () => {
    talk = conversation({ lang });
    await talk
      .send({ type: 'start', payload: 'svc_assistenza-domiciliare-anziani' })
      .press(p.checkAndBook)
      .expect(w.birthQuestion)
      .say(w.birthDate)
      .say(p.yes) // consent to the question on daily help
      .say(p.yes)
      .expect(p.municipalityQuestion)
      .press('Campodoro')
      // the ISEE band is another sensitive question: its own consent, refused here (the full price applies)
      .expect(p.sensitiveConsent)
      .expect(p.iseeQuestion)
      .say(p.no)
      .expect(p.eligible)
      .expect(p.slotQuestion)
      .check((t) => {
        const labels = choiceLabels(t.last).filter((l) => /\d{2}:\d{2}/.test(l));
        expect(labels.length).toBeGreaterThan(1);
        for (const label of labels) {
          expect(label).toMatch(w.atHomeCampodoro);
          expect(label).toMatch(w.oneHour);
          expect(label).not.toMatch(OTHER_TOWNS);
        }
        expect(new Set(labels).size).toBe(labels.length);
      })
      .say('1')
      .expect(p.consent)
      .say(p.yes)
      .say(maria.givenName)
      .say(maria.familyName)
      .say(maria.fiscalCode)
      .expect(p.summary)
      .expect(w.where)
      .expectNot(OTHER_TOWNS)
      .say(p.yes)
      .expect(p.confirmed)
      .expect(w.welcome);
    const [booking] = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    expect(booking?.slot).toMatchObject({ municipality: 'campodoro', delivery: 'at_home' });
  });

  it('a service card says where the service really takes place', async () => {
    talk = conversation({ lang });
    await talk
      .send({ type: 'start', payload: 'svc_laboratori-lettura' })
      .expect(w.cardWhere)
      .expectNot(/Dove: .*Campodoro|Where: .*Campodoro/);
    await talk
      .send({ type: 'start', payload: 'svc_socializzazione-anziani' })
      .expect(w.cardWhereThree)
      .expectNot(/Villafranca/);
  });

  it('where a home service never comes, says so and where it does, instead of "no free places"', async () => {
    talk = conversation({ lang });
    await talk
      .send({ type: 'start', payload: 'svc_babysitting-welfare-aziendale' })
      .press(p.checkAndBook)
      .say(p.yes)
      .say('4')
      .expect(p.eligible)
      .press('Campodoro')
      .expect(w.notHere)
      .expectNot(p.slotQuestion);
  });
});
