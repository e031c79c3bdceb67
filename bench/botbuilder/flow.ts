// The 7-turn booking flow on botbuilder-dialogs, built as the official samples do (ComponentDialog + WaterfallDialog, state accessors, saveChanges per turn); no I/O of its own.
import { ActivityHandler, ConversationState, UserState, type Storage, type StatePropertyAccessor, type TurnContext } from 'botbuilder-core';
import {
  ChoiceFactory,
  ChoicePrompt,
  ComponentDialog,
  ConfirmPrompt,
  DialogSet,
  DialogTurnStatus,
  NumberPrompt,
  WaterfallDialog,
  type DialogState,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';

export type { BookingProfile } from '../flow-data.js';
import { categories, municipalities, servicesByCategory, slots, type BookingProfile, type Category } from '../flow-data.js';

const LOCALE = 'it-it';
const CHOICE = 'choice';
const AGE = 'age';
const CONFIRM = 'confirm';
const BOOKING = 'booking';

const ageIsValid = async (prompt: PromptValidatorContext<number>): Promise<boolean> => {
  const age = prompt.recognized.value;
  return prompt.recognized.succeeded && age !== undefined && Number.isInteger(age) && age >= 0 && age <= 120;
};

function chosen(step: WaterfallStepContext): string {
  return (step.result as FoundChoice).value;
}

function answers(step: WaterfallStepContext): Partial<BookingProfile> {
  return step.values;
}

class BookingDialog extends ComponentDialog {
  constructor(private readonly profile: StatePropertyAccessor<Partial<BookingProfile>>) {
    super('bookingDialog');
    const confirm = new ConfirmPrompt(CONFIRM, undefined, LOCALE);
    // The Italian defaults offer "Si"; residents type "sì", which the choice matcher would miss.
    confirm.confirmChoices = [
      { value: 'Sì', synonyms: ['si', 'yes'] },
      { value: 'No', synonyms: ['no'] },
    ];
    this.addDialog(new ChoicePrompt(CHOICE, undefined, LOCALE))
      // English number parsing: 4.23.3 ships no Italian CLDR number data (Globalize throws E_MISSING_BUNDLE for "it").
      .addDialog(new NumberPrompt(AGE, ageIsValid, 'en-us'))
      .addDialog(confirm)
      .addDialog(
        new WaterfallDialog(BOOKING, [
          this.askCategory.bind(this),
          this.askService.bind(this),
          this.askAge.bind(this),
          this.askMunicipality.bind(this),
          this.askSlot.bind(this),
          this.askConfirmation.bind(this),
          this.book.bind(this),
        ]),
      );
    this.initialDialogId = BOOKING;
  }

  /** The samples' entry point: continue the active dialog, or start this one. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dialogContext = await dialogSet.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  private async askCategory(step: WaterfallStepContext) {
    await step.context.sendActivity('Ciao! Sono lo sportello del welfare di Piazzola sul Brenta e dintorni.');
    return step.prompt(CHOICE, { prompt: 'Per chi cerchi un servizio?', choices: ChoiceFactory.toChoices([...categories]) });
  }

  private async askService(step: WaterfallStepContext) {
    const category = chosen(step) as Category;
    answers(step).category = category;
    return step.prompt(CHOICE, { prompt: 'Quale servizio?', choices: ChoiceFactory.toChoices([...servicesByCategory[category]]) });
  }

  private async askAge(step: WaterfallStepContext) {
    answers(step).service = chosen(step);
    return step.prompt(AGE, { prompt: 'Quanti anni ha la persona interessata?', retryPrompt: "Scrivi un'età in numeri, tra 0 e 120." });
  }

  private async askMunicipality(step: WaterfallStepContext) {
    answers(step).age = step.result as number;
    return step.prompt(CHOICE, { prompt: 'In quale comune?', choices: ChoiceFactory.toChoices([...municipalities]) });
  }

  private async askSlot(step: WaterfallStepContext) {
    answers(step).municipality = chosen(step);
    return step.prompt(CHOICE, { prompt: 'Quando preferisci?', choices: ChoiceFactory.toChoices([...slots]) });
  }

  private async askConfirmation(step: WaterfallStepContext) {
    const a = answers(step);
    a.slot = chosen(step);
    // The steps before filled these in.
    return step.prompt(CONFIRM, { prompt: `Confermi ${a.service!} a ${a.municipality!}, ${a.slot}?` });
  }

  private async book(step: WaterfallStepContext) {
    if (step.result !== true) {
      await step.context.sendActivity('Va bene, non ho prenotato nulla.');
      return step.endDialog();
    }
    const a = answers(step);
    const profile = await this.profile.get(step.context, {});
    Object.assign(profile, { category: a.category, service: a.service, age: a.age, municipality: a.municipality, slot: a.slot });
    await step.context.sendActivity(`Prenotato (booked): ${a.service!}, ${a.slot!} a ${a.municipality!}.`);
    return step.endDialog();
  }
}

/** The samples' DialogBot: runs the dialog on every message and saves both states after the turn. */
export class BookingBot extends ActivityHandler {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
  ) {
    super();
    const profile = userState.createProperty<Partial<BookingProfile>>('BookingProfile');
    const dialogState = conversationState.createProperty<DialogState>('DialogState');
    const dialog = new BookingDialog(profile);
    this.onMessage(async (context, next) => {
      await dialog.run(context, dialogState);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}

export function createBookingBot(storage: Storage): BookingBot {
  return new BookingBot(new ConversationState(storage), new UserState(storage));
}

/** Where ConversationState and UserState keep one conversation's documents (their own key formats). */
export function stateKeys(channelId: string, conversationId: string, userId: string): { conversation: string; user: string } {
  return { conversation: `${channelId}/conversations/${conversationId}/`, user: `${channelId}/users/${userId}/` };
}
