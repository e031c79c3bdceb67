// Part of the composition root: the Slack staff desk and the handoff service over it, tickets kept where sessions are.
// Built before the turn runner (its effects post tickets); staff news goes to the inbox the root answers later.
import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { codeOf } from '../errors.js';
import { createStaffAvailability } from '../handoff/availability.js';
import { createMemoryTicketStore } from '../handoff/memory-ticket-store.js';
import { loadOfficeHours, unknownMunicipalities } from '../handoff/office-hours.js';
import { createRedisTicketStore } from '../handoff/redis-ticket-store.js';
import { createHandoff, type Handoff, type HandoffMetrics } from '../handoff/service.js';
import { createStaffDesk } from '../handoff/slack/staff-desk.js';
import { staffTexts } from '../handoff/slack/staff-texts.js';
import { deskCallbacks, type StaffNews } from '../handoff/staff-inbox.js';
import type { TicketStore } from '../handoff/ticket-store.js';
import type { Translator } from '../i18n/translator.js';
import type { Logger } from '../log.js';
import type { Mailbox } from '../mailbox.js';
import type { ConversationStore } from '../state/store.js';
import type { WelfarePort } from '../welfare/port.js';

export interface SlackHandoffParts {
  slack: NonNullable<Config['slack']>;
  config: Pick<Config, 'officeHoursFile' | 'redisUrl' | 'redisKeyPrefix' | 'reannounceMs' | 'staffLanguage'>;
  inbox: Mailbox<StaffNews>;
  store: Pick<ConversationStore, 'recentTranscript'>;
  translator: Translator;
  welfare: Pick<WelfarePort, 'listMunicipalities'>;
  log: Logger;
  metrics: HandoffMetrics;
  now?: () => DateTime;
}

/** Throws OfficeHoursError when the office hours file is broken. */
export async function createSlackHandoff(parts: SlackHandoffParts): Promise<{ handoff: Handoff; tickets: TicketStore }> {
  const { slack, config, log } = parts;
  const hours = loadOfficeHours(config.officeHoursFile);
  // Checked when the backend answers; a backend that is down at start must not stop the assistant.
  parts.welfare.listMunicipalities().then(
    (municipalities) => {
      for (const problem of unknownMunicipalities(hours, municipalities)) log.error({ code: 'office_hours_invalid' }, problem);
    },
    (err: unknown) => log.warn({ code: codeOf(err) }, 'office hours not checked against the municipalities'),
  );
  const tickets: TicketStore = config.redisUrl
    ? createRedisTicketStore({ url: config.redisUrl, prefix: config.redisKeyPrefix, log })
    : createMemoryTicketStore();
  if ('ready' in tickets) await (tickets as { ready: Promise<unknown> }).ready;
  const routes = Object.fromEntries([...hours.teams.values()].flatMap((t) => (t.slack_channel ? [[t.id, t.slack_channel] as const] : [])));
  const desk = createStaffDesk({
    botToken: slack.botToken,
    signingSecret: slack.signingSecret,
    staffChannel: slack.staffChannel,
    ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
    routes,
    tickets,
    texts: staffTexts(parts.translator, config.staffLanguage ?? 'it'),
    log,
    ...deskCallbacks(parts.inbox),
  });
  const handoff = createHandoff({
    tickets,
    desk,
    availability: createStaffAvailability({ hours, welfare: parts.welfare, log }),
    store: parts.store,
    translator: parts.translator,
    log,
    metrics: parts.metrics,
    reannounceMs: config.reannounceMs,
    ...(parts.now ? { officeClock: parts.now } : {}),
  });
  return { handoff, tickets };
}
