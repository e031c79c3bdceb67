// The terminal channel: a line typed (or piped) is a turn; replies are printed. Interactive on a TTY, scriptable otherwise.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
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

/** Resolves when input ends (end of a pipe, Ctrl+D). */
export async function runTerminal(options: TerminalOptions): Promise<void> {
  const { output, runner, interactive } = options;
  const conversation = { channel: 'terminal' as const, id: options.conversationId ?? 'local' };
  const hints = options.language ? { language: options.language } : {};
  const print = (text: string) => output.write(`${text}\n`);
  const rl = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive });

  if (interactive) {
    print(renderForTerminal(await runner(conversation, { type: 'start' }, hints)));
    rl.setPrompt('\n> ');
    rl.prompt();
  }
  // One line at a time, in order: the next line is read only after the replies to this one.
  for await (const line of rl) {
    if (line.trim() !== '') {
      if (!interactive) print(`> ${line}`);
      print(renderForTerminal(await runner(conversation, { type: 'text', text: line }, hints)));
      if (!interactive) print('');
    }
    if (interactive) rl.prompt();
  }
}
