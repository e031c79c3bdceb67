// The terminal channel: a line typed (or piped) is a turn; replies are printed. Interactive on a TTY, scriptable otherwise.
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { BotMessage } from '../../conversation/messages.js';
import type { TurnRunner } from '../../conversation/turn.js';
import { renderForTerminal } from './render.js';

export interface TerminalOptions {
  input: Readable;
  output: Writable;
  interactive: boolean;
  runner: TurnRunner;
  language?: string;
  conversationId?: string;
}

/** A terminal conversation: `run` reads until input ends; `deliver` prints what staff write meanwhile. */
export interface Terminal {
  run(): Promise<void>;
  deliver(conversationId: string, messages: BotMessage[]): Promise<void>;
}

export function createTerminal(options: TerminalOptions): Terminal {
  const { output, runner, interactive } = options;
  const conversation = { channel: 'terminal' as const, id: options.conversationId ?? 'local' };
  const hints = options.language ? { language: options.language } : {};
  const print = (text: string) => output.write(`${text}\n`);
  let rl: Interface | undefined;

  return {
    async deliver(_conversationId, messages) {
      if (messages.length === 0) return;
      if (!interactive || !rl) {
        print(`\n${renderForTerminal(messages)}`);
        return;
      }
      // On a screen the resident may be halfway through a line: clear it, print, then show the prompt
      // and what they had typed again.
      clearLine(output, 0);
      cursorTo(output, 0);
      print(renderForTerminal(messages));
      rl.prompt(true);
    },

    /** Resolves when input ends (end of a pipe, Ctrl+D). */
    async run() {
      const lines = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive });
      rl = lines;
      if (interactive) {
        print(renderForTerminal(await runner(conversation, { type: 'start' }, hints)));
        lines.setPrompt('\n> ');
        lines.prompt();
      }
      // One line at a time, in order: the next line is read only after the replies to this one.
      for await (const line of lines) {
        if (line.trim() !== '') {
          if (!interactive) print(`> ${line}`);
          const replies = await runner(conversation, { type: 'text', text: line }, hints);
          // Words passed on to a person get no reply from the assistant: nothing to print.
          if (replies.length > 0) print(renderForTerminal(replies));
          if (!interactive) print('');
        }
        if (interactive) lines.prompt();
      }
      rl = undefined;
    },
  };
}
