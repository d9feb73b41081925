import type { Config } from '../../server/config.js';

/** What e-mail in needs of the platform's settings. */
export type EmailInSettings = {
  /** The domain of reply and intake addresses, lower case. */
  domain: string;
  secret: string;
  maxBytes: number;
  /** Messages one sending address may send in an hour. */
  ratePerHour: number;
  /** Intake addresses named in the settings (lower case) → the body's code. */
  intakeAddresses: Map<string, string>;
};

export function emailInSettings(c: Config): EmailInSettings | null {
  if (!c.INBOUND_MAIL_DOMAIN) return null;
  const intakeAddresses = new Map<string, string>();
  for (const pair of c.INBOUND_INTAKE_ADDRESSES?.split(',') ?? []) {
    const [code, address] = pair.split('=');
    intakeAddresses.set(address!.trim().toLowerCase(), code!.trim().toUpperCase());
  }
  return {
    domain: c.INBOUND_MAIL_DOMAIN.toLowerCase(),
    secret: c.secret,
    maxBytes: Math.floor(c.INBOUND_MAIL_MAX_MB * 1024 * 1024),
    ratePerHour: c.INBOUND_MAIL_RATE_LIMIT,
    intakeAddresses,
  };
}
