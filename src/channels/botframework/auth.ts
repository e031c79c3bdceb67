// Who may post to /api/messages and how replies are signed: botbuilder's authentication from Sportello's config.
import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants, type BotFrameworkAuthentication, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotFrameworkConfig } from './config.js';

/**
 * With an app id, tokens are checked against the configured OpenID metadata and issuer. botbuilder reads any one
 * endpoint setting as "all of them are given", so the rest are passed too, at their public-cloud values.
 * `credentials` replaces the factory that signs replies (the tests' stand-in accepts a fixed token);
 * in production it is built from the app id, password, type and tenant, as the SDK's own samples do.
 */
export function createAuthentication(config: BotFrameworkConfig, credentials?: ServiceClientCredentialsFactory): BotFrameworkAuthentication {
  if (!('appId' in config)) {
    // No app id: botbuilder skips the check of inbound tokens and signs nothing outbound.
    return new ConfigurationBotFrameworkAuthentication({}, credentials ?? new ConfigurationServiceClientCredentialFactory({}));
  }
  const app = {
    MicrosoftAppId: config.appId,
    MicrosoftAppType: config.appType,
    ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
    ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
  };
  return new ConfigurationBotFrameworkAuthentication(
    {
      ...app,
      ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: config.tokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      // The tenant of a SingleTenant app replaces "botframework.com" in this URL when replies are signed.
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: true,
    },
    credentials ?? new ConfigurationServiceClientCredentialFactory(app),
  );
}

/**
 * The status for a request whose token was not accepted. botbuilder throws its AuthenticationError for a missing,
 * unknown-key, expired or mis-addressed token, but a signature that does not verify reaches us as jsonwebtoken's
 * own error (CloudAdapter.process would answer 500): all of them are 401. Only keys that cannot be fetched are
 * our problem (503), so the channel tries again rather than taking the bot for broken.
 */
export function refusalStatus(err: unknown): 401 | 503 {
  const e = err as { name?: unknown; statusCode?: unknown; code?: unknown } | null;
  if (typeof e?.statusCode === 'number' && e.statusCode >= 500) return 503;
  if (e?.name === 'FetchError' || (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code))) return 503;
  return 401;
}

/** A stable code for the log line of a refused request; the error's message may quote the token's claims. */
export function refusalCode(err: unknown): string {
  const e = err as { name?: unknown; message?: unknown } | null;
  if (e?.name === 'TokenExpiredError' || /expired/i.test(String(e?.message))) return 'botframework_token_expired';
  if (e?.name === 'JsonWebTokenError') return 'botframework_token_invalid';
  if (/Signing Key could not be retrieved/i.test(String(e?.message))) return 'botframework_unknown_key';
  if (/endorsement/i.test(String(e?.message))) return 'botframework_not_endorsed';
  if (/ServiceUrl claim/i.test(String(e?.message))) return 'botframework_service_url_mismatch';
  if (/Invalid AppId|audience/i.test(String(e?.message))) return 'botframework_wrong_audience';
  if (refusalStatus(err) === 503) return 'botframework_keys_unavailable';
  return 'botframework_unauthorized';
}
