// What every SDK scenario shares: the server run_sdk_scenario (tests/support/sdk_scenario.h)
// started for it, its superuser, and a fresh SDK client.
import PocketBase from 'pocketbase';

/** The value of an environment variable run_sdk_scenario sets; throws when it is missing. */
export function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set: run this file through fastcms_tests (run_sdk_scenario)`);
  return value;
}

export const BASE_URL = requiredEnv('FASTCMS_URL');
export const SUPERUSER_EMAIL = requiredEnv('FASTCMS_SUPERUSER_EMAIL');
export const SUPERUSER_PASSWORD = requiredEnv('FASTCMS_SUPERUSER_PASSWORD');

/** A client with its own in-memory auth store; auto-cancellation off (tests await every call). */
export function client() {
  const pb = new PocketBase(BASE_URL);
  pb.autoCancellation(false);
  return pb;
}
