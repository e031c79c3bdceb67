// The staff desk speaks STAFF_LANGUAGE: Italian unless set, any language of locales/, refused otherwise.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ticketBlocks, ticketFallback } from '../../src/handoff/slack/blocks.js';
import { projectStaffTexts, staffTexts } from '../../src/handoff/slack/staff-texts.js';
import { newTicket, type TicketDraft } from '../../src/handoff/ticket.js';
import { loadLocales } from '../../src/i18n/locales.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { lexicon } from '../support/lexicon.js';

const translator = createTranslator(loadLocales(LOCALES_DIR, { rootForMessages: PROJECT_ROOT }), { lexicon });
const draft: TicketDraft = {
  kind: 'callback',
  phone: '+39 333 1234567',
  conversation: { channel: 'telegram', id: '4242' },
  lang: 'uk',
  team: 'servizi-sociali',
  reason: 'voice',
  transcript: [],
};
const ticket = newTicket(draft, '0b5a4c7e-8f1d-4a8e-9c3b-2d6f1e0a7b91', 'TKT-2026-000012', new Date('2026-03-02T09:00:00Z'));
const shown = (say: ReturnType<typeof staffTexts>) => JSON.stringify(ticketBlocks(ticket, say));

describe('staff language', () => {
  it('is Italian unless STAFF_LANGUAGE names another language of locales/', () => {
    expect(loadConfig({}).staffLanguage).toBeUndefined();
    expect(loadConfig({ STAFF_LANGUAGE: 'en' }).staffLanguage).toBe('en');
    expect(() => loadConfig({ STAFF_LANGUAGE: 'de' })).toThrow(/STAFF_LANGUAGE: one of ar, en, it, ro, sq, uk, zh/);
  });

  it('labels the ticket in the staff language, the resident’s own words untouched', () => {
    expect(ticketFallback(ticket, staffTexts(translator, 'en'))).toBe('TKT-2026-000012 · call-back request (servizi-sociali)');
    expect(shown(staffTexts(translator, 'en'))).toMatch(/voice message[\s\S]*Queued since[\s\S]*Call back on\* \+39 333 1234567[\s\S]*I'll take it/);
    expect(shown(projectStaffTexts())).toMatch(/messaggio vocale[\s\S]*In coda da[\s\S]*Richiamare al\* \+39 333 1234567[\s\S]*Prendo io/);
  });
});
