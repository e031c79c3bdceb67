// Environment → Config: defaults, empty values, the --locale flag, and every problem named at once.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { LOCALES_DIR } from '../../src/paths.js';

describe('loadConfig', () => {
  it('applies the embedded defaults', () => {
    expect(loadConfig({})).toEqual({
      welfareTimeoutMs: 3000,
      sessionTtlMs: 24 * 3600 * 1000,
      profileTtlMs: 180 * 24 * 3600 * 1000,
      dedupeTtlMs: 24 * 3600 * 1000,
      redisKeyPrefix: 'sportello:',
      turnLeaseMs: 5000,
      port: 3000,
      reannounceMs: 10 * 60 * 1000,
      proactiveWeeklyCap: 3,
    });
  });

  it('treats empty variables as unset and reads the values given', () => {
    const config = loadConfig({ WELFARE_BACKEND_URL: 'http://127.0.0.1:8081', SPORTELLO_LOCALE: '', SESSION_TTL_HOURS: '2', LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ welfareBackendUrl: 'http://127.0.0.1:8081', sessionTtlMs: 2 * 3600 * 1000, logLevel: 'debug' });
    expect(config.locale).toBeUndefined();
  });

  it('accepts every language of locales/ as SPORTELLO_LOCALE, and only those', () => {
    const folders = readdirSync(LOCALES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    for (const lang of folders) expect(loadConfig({ SPORTELLO_LOCALE: lang }).locale).toBe(lang);
    expect(loadConfig({ SPORTELLO_LOCALE: 'uk' }).locale).toBe('uk');
  });

  it('takes --locale from the command line over the environment', () => {
    expect(loadConfig({ SPORTELLO_LOCALE: 'it' }, ['--locale', 'en']).locale).toBe('en');
    expect(loadConfig({}, ['--locale=en']).locale).toBe('en');
  });

  it('reports every wrong variable by name', () => {
    const load = () => loadConfig({ WELFARE_BACKEND_URL: 'nope', WELFARE_TIMEOUT_MS: 'soon', SPORTELLO_LOCALE: 'de' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /WELFARE_BACKEND_URL[\s\S]*WELFARE_TIMEOUT_MS[\s\S]*SPORTELLO_LOCALE|SPORTELLO_LOCALE[\s\S]*WELFARE_BACKEND_URL[\s\S]*WELFARE_TIMEOUT_MS/,
    );
  });

  describe('Bot Framework', () => {
    const appId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    const tenant = '0b9e3a5c-7d21-4c8e-9f3a-6b1d2e4f5a6c';

    it('is off without an app id or the emulator switch', () => {
      expect(loadConfig({}).botframework).toBeUndefined();
      expect(loadConfig({ BOTFRAMEWORK_EMULATOR: 'false' }).botframework).toBeUndefined();
    });

    it('checks tokens against the public Bot Framework keys and issuer unless told otherwise', () => {
      expect(loadConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 's3cret' }).botframework).toEqual({
        appId,
        appPassword: 's3cret',
        appType: 'MultiTenant',
        openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
        tokenIssuer: 'https://api.botframework.com',
      });
      const local = loadConfig({
        MICROSOFT_APP_ID: appId,
        MICROSOFT_APP_PASSWORD: 's3cret',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        MICROSOFT_APP_TENANT_ID: tenant,
        BOTFRAMEWORK_OPENID_METADATA_URL: 'http://127.0.0.1:4567/v1/.well-known/openidconfiguration',
        BOTFRAMEWORK_TOKEN_ISSUER: 'https://issuer.example.org',
      }).botframework;
      expect(local).toMatchObject({
        appType: 'SingleTenant',
        tenantId: tenant,
        openIdMetadataUrl: 'http://127.0.0.1:4567/v1/.well-known/openidconfiguration',
        tokenIssuer: 'https://issuer.example.org',
      });
      expect(
        loadConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: tenant }).botframework,
      ).toMatchObject({ appType: 'UserAssignedMSI' });
    });

    it('runs the Emulator mode only when asked, and never with an app id', () => {
      expect(loadConfig({ BOTFRAMEWORK_EMULATOR: 'true' }).botframework).toEqual({ emulator: true });
      expect(() => loadConfig({ BOTFRAMEWORK_EMULATOR: 'true', MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 's3cret' })).toThrow(
        /BOTFRAMEWORK_EMULATOR: must not be true with MICROSOFT_APP_ID/,
      );
      expect(() => loadConfig({ BOTFRAMEWORK_EMULATOR: 'yes' })).toThrow(/BOTFRAMEWORK_EMULATOR: must be true or false/);
    });

    it('reports every missing or conflicting Bot Framework variable at once', () => {
      const problems = (env: Record<string, string>) => {
        try {
          loadConfig(env);
        } catch (err) {
          if (err instanceof ConfigError) return err.problems;
          throw err;
        }
        throw new Error('expected a ConfigError');
      };
      expect(problems({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_TYPE: 'SingleTenant' })).toEqual([
        expect.stringMatching(/^MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID/),
        expect.stringMatching(/^MICROSOFT_APP_TENANT_ID: required with MICROSOFT_APP_TYPE=SingleTenant/),
      ]);
      expect(problems({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_PASSWORD: 'x' })).toEqual([
        expect.stringMatching(/^MICROSOFT_APP_PASSWORD: must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI/),
        expect.stringMatching(/^MICROSOFT_APP_TENANT_ID: required/),
      ]);
      expect(problems({ MICROSOFT_APP_PASSWORD: 'x', BOTFRAMEWORK_TOKEN_ISSUER: 'https://api.botframework.com' })).toEqual([
        'MICROSOFT_APP_ID: required by MICROSOFT_APP_PASSWORD, BOTFRAMEWORK_TOKEN_ISSUER (or set BOTFRAMEWORK_EMULATOR=true for the Emulator, without them)',
      ]);
      expect(
        problems({ MICROSOFT_APP_ID: 'bot-1', MICROSOFT_APP_TYPE: 'Multi', BOTFRAMEWORK_OPENID_METADATA_URL: 'http://keys.example.org/openid' }),
      ).toEqual([
        expect.stringMatching(/^MICROSOFT_APP_ID: must be the Microsoft App ID/),
        expect.stringMatching(/^MICROSOFT_APP_TYPE: must be MultiTenant, SingleTenant or UserAssignedMSI/),
        expect.stringMatching(/^BOTFRAMEWORK_OPENID_METADATA_URL: must be https:\/\//),
      ]);
    });
  });
});
