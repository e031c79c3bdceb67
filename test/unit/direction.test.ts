// Right-to-left marks for Arabic: every line of a message, never a button label, nothing for other languages.
import { describe, expect, it } from 'vitest';
import type { BotMessage } from '../../src/conversation/messages.js';
import { withDirection } from '../../src/conversation/direction.js';
import { lexicon } from '../support/lexicon.js';

const RLM = '\u200F';

describe('text direction', () => {
  const messages: BotMessage[] = [
    { type: 'text', text: 'ISEE: ١٠٬٠٠٠\nسطر ثان' },
    { type: 'choices', text: 'اختر:', choices: [{ payload: '1.0', label: 'نعم' }] },
  ];

  it('marks each line of an Arabic message right to left, and leaves labels alone', () => {
    const [text, choices] = withDirection(lexicon.direction('ar'), messages);
    expect(text).toEqual({ type: 'text', text: `${RLM}ISEE: ١٠٬٠٠٠\n${RLM}سطر ثان` });
    expect(choices).toEqual({ type: 'choices', text: `${RLM}اختر:`, choices: [{ payload: '1.0', label: 'نعم' }] });
  });

  it('marks a line once however often it is applied', () => {
    expect(withDirection(lexicon.direction('ar'), withDirection(lexicon.direction('ar'), messages))).toEqual(
      withDirection(lexicon.direction('ar'), messages),
    );
  });

  it('changes nothing in a left-to-right language', () => {
    expect(withDirection(lexicon.direction('it'), messages)).toBe(messages);
    expect(withDirection(lexicon.direction('zh'), messages)).toBe(messages);
  });
});
