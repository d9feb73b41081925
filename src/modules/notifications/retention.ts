import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { PostalAddress } from '../accounts/schema.js';
import { callAttempts, callTasks, deskIntakes, inboundMessages, letters, notifications } from './schema.js';

/** A letter's address once forgotten: the row stays (batches count it), with nothing to send it to. */
const noAddress: PostalAddress = { lines: [], city: '', country: '' };

/**
 * Blanks what the messages of a case long settled still say about the person (the retention job, law 09-08):
 * the outbox rows already sent or given up (address, subject, bodies, channel data, calendar file, sealed
 * secrets, the provider's error text), the letters, the call tasks and their notes, and the WhatsApp messages
 * received for it. Rows stay, with their event, channel, status and dates, for the figures. A message still
 * waiting to go is left as it is. Returns how many rows were blanked.
 */
export async function forgetCaseMessages(tx: Executor, caseId: string): Promise<number> {
  const sent = await tx
    .update(notifications)
    .set({
      toAddress: '',
      subject: '',
      textBody: '',
      htmlBody: null,
      payload: {},
      ics: null,
      sealedSecrets: null,
      lastError: null,
    })
    .where(and(eq(notifications.caseId, caseId), inArray(notifications.status, ['sent', 'dead', 'bounced'])))
    .returning({ id: notifications.id });
  const posted = await tx
    .update(letters)
    .set({ recipientName: '', address: noAddress, subject: '', body: '', trackingUrl: null })
    .where(eq(letters.caseId, caseId))
    .returning({ id: letters.id });
  const calls = await tx
    .update(callTasks)
    .set({ phone: '', script: '' })
    .where(eq(callTasks.caseId, caseId))
    .returning({ id: callTasks.id });
  if (calls.length)
    await tx
      .update(callAttempts)
      .set({ note: null })
      .where(
        inArray(
          callAttempts.taskId,
          calls.map((c) => c.id),
        ),
      );
  const received = await tx
    .update(inboundMessages)
    // a voice note's file went with the case's papers: its traces here go too
    .set({
      text: '',
      fromName: null,
      fromPhone: '',
      fromEmail: null,
      mediaId: null,
      mediaSha256: null,
      mediaError: null,
    })
    .where(eq(inboundMessages.caseId, caseId))
    .returning({ id: inboundMessages.id });
  const intakes = await tx
    .update(deskIntakes)
    .set({ fromPhone: '', fromEmail: null, fromName: null, note: null })
    .where(eq(deskIntakes.caseId, caseId))
    .returning({ id: deskIntakes.id });
  return sent.length + posted.length + calls.length + received.length + intakes.length;
}
