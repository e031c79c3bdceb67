// Recognises the global commands a resident types in any of the languages ("aiuto", "back", "меню", "/menu"); no I/O.
// The phrases and slash commands are word data (commands, slash_commands in locales/<lang>/lexicon.yaml).
import type { Lexicon } from '../i18n/lexicon.js';
import { CommandName } from './events.js';
import { fold } from './choice-match.js';

const asCommand = (name: string | undefined): CommandName | undefined => CommandName.safeParse(name).data;

/** The command a whole message asks for, if any. Whole-message phrases only: "voglio tornare a scuola" is not "back". */
export function commandOf(text: string, lexicon: Lexicon): CommandName | undefined {
  const trimmed = text.trim();
  const slash = /^\/([a-z_]+)(?:@\w+)?(?:\s|$)/i.exec(trimmed);
  if (slash) return asCommand(lexicon.slashCommands.get(slash[1]!.toLowerCase().replace(/_/g, '')));
  if (/^[?？؟]$/.test(trimmed)) return 'help';
  return asCommand(lexicon.commands.get(fold(trimmed).join(' ')));
}

/** Slash commands a channel may advertise in a language (Telegram's command menu). */
export function advertisedCommands(lexicon: Lexicon, lang: string): { command: string; name: CommandName }[] {
  return lexicon.advertisedCommands(lang).flatMap(({ command, name }) => {
    const known = asCommand(name);
    return known ? [{ command, name: known }] : [];
  });
}
