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

/** One pass of the worker, sending e-mail through the given transport. */
export async function deliverEmails(db: Db, transport: Transporter, opts: Partial<DeliveryOptions> = {}) {
  const adapters: Adapters = { email: emailAdapter(transport, 'Jisr <no-reply@jisr.test>') };
  return deliverDueNotifications(db, adapters, { ...testDelivery, ...opts });
}
