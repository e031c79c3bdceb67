// One turn, stage by stage, in the order they run: each stage does its one job or passes the turn on.
import { answerStep } from './answer.js';
import { attachments } from './attachments.js';
import { commands } from './commands.js';
import { compose } from './compose.js';
import { deepLinks } from './deep-links.js';
import { greetings } from './greetings.js';
import { misunderstandings } from './misunderstandings.js';
import { onTheLine } from './on-the-line.js';
import { proactive } from './proactive.js';
import { simpleKeys } from './simple-keys.js';
import { simplePages } from './simple-pages.js';
import { staffEvents } from './staff-events.js';
import { staleButtons } from './stale-buttons.js';
import type { EngineTurn } from './walk.js';

export type { EngineTurn } from './walk.js';

export const turnPipeline = compose<EngineTurn>(
  misunderstandings, // around everything: after the turn, two misunderstandings in a row offer a person
  staffEvents, //       staff took or closed the ticket, or the resident left
  proactive, //         a message Sportello writes first, within the weekly cap
  simpleKeys, //        simple mode: a typed key becomes its button (also on the line, until a person takes it)
  onTheLine, //         a person has the conversation: the resident's words go to them
  simplePages, //       simple mode: "altri", and numbers the menu shown does not have
  deepLinks, //         /start payloads
  commands, //          commands, cmd: buttons and typed command words
  greetings, //         no current step: welcome, and read a first message that is not a greeting
  attachments, //       locations, contacts, photos, voice notes
  staleButtons, //      a button of an earlier question
  answerStep, //        the current step reads the answer
);
