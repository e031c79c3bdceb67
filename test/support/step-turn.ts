// A real turn context (locales, reference backend over HTTP) for testing one step kind at a time.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { loadLocales, loadPoliteLocales } from '../../src/i18n/locales.js';
import { createTranslator, type Translator } from '../../src/i18n/translator.js';
import type { TurnContext } from '../../src/conversation/context.js';
import type { EntryPoints } from '../../src/conversation/flow.js';
import { newSession, type Session } from '../../src/conversation/session.js';
import type { StepTurn } from '../../src/conversation/step-kind.js';
import { loadDialogs } from '../../src/conversation/dialog-loader.js';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { newProfile } from '../../src/conversation/profile.js';
import { referenceBackend, type TestBackend } from './backend.js';
import { lexicon } from './lexicon.js';
import { testPrivacy } from './privacy.js';

let translator: Translator | undefined;
export function projectTranslator(): Translator {
  const bundles = loadLocales(LOCALES_DIR, { rootForMessages: PROJECT_ROOT });
  translator ??= createTranslator(bundles, { lexicon, polite: loadPoliteLocales(LOCALES_DIR, bundles, { rootForMessages: PROJECT_ROOT }) });
  return translator;
}

function declaredNames(): { entryPoints?: EntryPoints } {
  const { entryPoints } = loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT });
  return entryPoints ? { entryPoints } : {};
}

export interface StepHarness {
  backend: TestBackend;
  ctx: TurnContext;
  /** A turn on a fresh session (or the one given), in `lang`. */
  turn(lang?: string, session?: Session): StepTurn;
  close(): Promise<void>;
}

export async function stepHarness(options: { now?: string } = {}): Promise<StepHarness> {
  const backend = await referenceBackend(options.now ? { now: options.now } : {});
  const ctx: TurnContext = {
    now: backend.clock.now,
    // The project's declared answer names (answers.residence…), as the assistant reads them; no flows to walk.
    flows: { flows: new Map(), home: { flow: 'main', step: 'menu' }, ...declaredNames() },
    translator: projectTranslator(),
    welfare: backend.client,
    channel: 'terminal',
    newId: () => randomUUID(),
    privacy: testPrivacy,
  };
  return {
    backend,
    ctx,
    turn(lang = 'it', session) {
      const s = session ?? newSession('test:1', lang, DateTime.now().toISO());
      s.lang = lang;
      return { session: s, profile: newProfile(s.updatedAt), ctx, effects: [], t: (key, params) => ctx.translator.t(s.lang, key, params) };
    },
    close: () => backend.close(),
  };
}
