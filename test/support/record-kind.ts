// A test-only step kind that appends every text to data.vars.log and answers with the whole log; "slow" takes 3 s.
import { z } from 'zod';
import { stepKinds } from '../../src/conversation/steps/index.js';
import { wait, type StepKind } from '../../src/conversation/step-kind.js';

const Config = z.object({ next: z.string() }).strict();

const record: StepKind<z.infer<typeof Config>> = {
  config: Config,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: [],
  enter: async () => wait({ type: 'text', text: 'log:' }),
  onEvent: async (_c, event, turn) => {
    if (event.type !== 'text') return wait({ type: 'text', text: 'log:' });
    if (event.text === 'slow') await new Promise((resolve) => setTimeout(resolve, 3000));
    const log = String(turn.session.data.vars['log'] ?? '');
    turn.session.data.vars['log'] = log ? `${log},${event.text}` : event.text;
    return wait({ type: 'text', text: `log:${turn.session.data.vars['log']}` });
  },
};

export function registerRecordKind(): void {
  stepKinds['record'] = record;
}
