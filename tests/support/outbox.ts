import type { Transporter } from 'nodemailer';
import type { Db } from '../../src/db/client.js';
import {
  type Adapters,
  type DeliveryOptions,
  deliverDueNotifications,
} from '../../src/modules/notifications/delivery.js';
import { emailAdapter } from '../../src/modules/notifications/providers.js';
import { TEST_SECRET } from './templates.js';

/** Delivery settings for tests: short waits, no quiet hours. */
export const testDelivery: DeliveryOptions = {
  maxAttempts: 8,
  retryBaseMs: 20,
  retryMaxMs: 200,
  leaseMs: 60_000,
  quietHours: null,
  secret: TEST_SECRET,
};

/**
 * The worker's passes until the outbox has nothing due (the demo's own messages go out too), sending e-mail
 * through the given transport. Returns how many went out.
 */
export async function deliverEmails(db: Db, transport: Transporter, opts: Partial<DeliveryOptions> = {}) {
  const adapters: Adapters = { email: emailAdapter(transport, 'Jisr <no-reply@jisr.test>') };
  let sent = 0;
  for (let pass = 0; pass < 20; pass++) {
    const n = await deliverDueNotifications(db, adapters, { ...testDelivery, ...opts });
    sent += n;
    if (n === 0) break;
  }
  return sent;
}
