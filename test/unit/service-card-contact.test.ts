// The grocery vouchers' card names who really answers: the resident's own municipality's social services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotMessage } from '../../src/conversation/messages.js';
import { discoveryKinds } from '../../src/conversation/steps/discovery.js';
import { stepHarness, type StepHarness } from '../support/step-turn.js';

const { service_card } = discoveryKinds;
const CARD = service_card.config.parse({ next: 'eligibility', apply: 'apply', list: 'list', menu: 'menu' });

let h: StepHarness;
beforeAll(async () => {
  h = await stepHarness();
});
afterAll(() => h.close());

async function contactOf(lang: string, residence?: string): Promise<string> {
  const turn = h.turn(lang);
  turn.session.data.serviceId = 'buoni-spesa';
  if (residence) turn.session.data.answers.residence = residence;
  const out = await service_card.enter(CARD, turn);
  const card = out.messages.find((m): m is Extract<BotMessage, { type: 'card' }> => m.type === 'card')!.card;
  return card.fields.at(-1)!.value;
}

describe.each(['it', 'en'] as const)('the grocery vouchers card in %s', (lang) => {
  it("gives the resident's municipality's social services when it is known", async () => {
    const contact = await contactOf(lang, 'campodoro');
    expect(contact).toContain('Comune di Campodoro – Servizi sociali');
    expect(contact).toContain('+39 049 906 5011');
    expect(contact).not.toMatch(/Piazzola|Limena/);
  });

  it("lists each municipality's social services when it is not", async () => {
    const contact = await contactOf(lang);
    expect(contact.split('\n')[0]).toBe(
      lang === 'it' ? 'Rivolgiti ai servizi sociali del tuo Comune:' : 'Contact the social services of your municipality:',
    );
    for (const m of await h.ctx.welfare.listMunicipalities()) expect(contact).toContain(`• ${m.name}: ${m.socialServices!.phone!}`);
    expect(contact).not.toContain('049 000 0000');
  });
});
