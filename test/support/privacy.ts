// The privacy facts a test runner gets when it does not compose the app: the default TTLs and the shipped controllers.
import { loadPrivacyFile } from '../../src/app/privacy-file.js';
import type { PrivacyFacts } from '../../src/conversation/context.js';

export const testPrivacy: PrivacyFacts = {
  retention: { sessionHours: 24, profileDays: 180, dedupeHours: 24 },
  controllers: loadPrivacyFile(),
};
