// What the Bot Framework channel needs configured; src/config.ts fills it from the environment.

type BotFrameworkAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export type BotFrameworkConfig =
  | {
      /** Every request must carry a Bot Framework token for this app. */
      appId: string;
      /** Absent only for UserAssignedMSI, whose tokens come from the managed identity. */
      appPassword?: string;
      appType: BotFrameworkAppType;
      /** Required by SingleTenant and UserAssignedMSI. */
      tenantId?: string;
      /** Where the channel's signing keys are found, and the issuer its tokens must name. */
      openIdMetadataUrl: string;
      tokenIssuer: string;
    }
  /** No app id: requests are not authenticated (the Bot Framework Emulator on a developer's machine). */
  | { emulator: true };
