import type { Db } from '../db/client.js';
import type { Actor } from '../modules/accounts/actor.js';
import { applyAction, createCase } from '../modules/cases/service.js';
import type { CaseAction } from '../modules/cases/state-machine.js';
import { escalateCase } from '../modules/workflow/citizen-escalation.js';
import type { EscalationLevel } from '../modules/workflow/escalation-ladder.js';
import { currentTime, runningClockFrom, setPlatformClock } from '../shared/clock.js';
import { demoReplyParts } from './legal-bases.js';

const DAY = 86_400_000;

/** One step of an aged file: what was done, by whom, with which reason, how many days ago. */
export type AgedStep = { action: CaseAction; by: Actor; daysAgo: number; reason?: string };

/** A file of the demo that has a past: filed some time ago, with its steps spread over the days since. */
export type AgedCase = {
  by: Actor;
  institutionId: string;
  departmentId?: string;
  categoryId: string;
  subject: string;
  fields: Record<string, string | number>;
  filedDaysAgo: number;
  steps: AgedStep[];
  /** The steps up the person took on it, after the body's steps: to the supervisors, then the overseer. */
  escalations?: { daysAgo: number; statement: string }[];
};

/**
 * Files a case and applies its steps each at its own past instant: the platform's clock is set back to
 * that instant for the call, so the dates, due dates and timeline are what they would have been. The
 * clock is put back afterwards, whatever happens.
 */
export async function fileAgedCase(db: Db, secret: string, plan: AgedCase, now = currentTime()) {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const ctx = (actor: Actor) => ({ db, actor, requestId: 'demo-seed', secret });
  let restore = setPlatformClock(runningClockFrom(at(plan.filedDaysAgo)));
  try {
    const res = await createCase(ctx(plan.by), {
      institutionId: plan.institutionId,
      categoryId: plan.categoryId,
      subject: plan.subject,
      description: `${plan.subject}. Demande déposée depuis l’étranger, merci de votre aide.`,
      fields: plan.fields,
      replyChannels: ['email'],
      language: plan.by.language,
      intakeChannel: 'web',
      requesterId: plan.by.accountId,
      departmentId: plan.departmentId ?? null,
    });
    let version = res.case.version;
    for (const step of plan.steps) {
      restore();
      restore = setPlatformClock(runningClockFrom(at(step.daysAgo)));
      const updated = await applyAction(ctx(step.by), res.case.id, {
        action: step.action,
        version,
        reason: step.reason,
        // a reply is approved only with all its parts: the demo's drafts have them
        ...(step.action === 'submit_reply' ? { parts: demoReplyParts(step.reason ?? '—') } : {}),
      });
      version = updated.version;
    }
    for (const [i, e] of (plan.escalations ?? []).entries()) {
      restore();
      restore = setPlatformClock(runningClockFrom(at(e.daysAgo)));
      await escalateCase(ctx(plan.by), res.case.id, {
        level: (i + 1) as EscalationLevel,
        grounds: 'overdue',
        statement: e.statement,
      });
    }
    return res.case.id;
  } finally {
    restore();
  }
}

/** The fields of the demo's birth-certificate requests. */
export const birthFields = {
  person_name: 'Fatima El Hassani',
  record_number: '1234',
  record_year: 1978,
  copies: 2,
};

export type People = Record<
  'fatima' | 'youssef' | 'khadija' | 'agent' | 'chief' | 'reception' | 'aubmAgent',
  Actor
>;
export type Places = { aml: string; civilStatus: string; aubm: string };
export type Categories = Record<'birth' | 'complaint' | 'permit', string>;

/**
 * The demo's files with a past, so that a new user sees what Jisr is for: files stuck for months, one never
 * opened, a reply waiting two months for approval, replies that came late and one on time. Dates are counted
 * back from the seed's instant; the deadline watch then escalates what is overdue (see seed.ts).
 */
export function filesWithAPast(p: People, at: Places, cat: Categories): AgedCase[] {
  const birthFields = {
    person_name: 'Fatima El Hassani',
    record_number: '1234',
    record_year: 1978,
    copies: 2,
  };
  const civil = { institutionId: at.aml, departmentId: at.civilStatus };
  const reply = 'Votre demande a été traitée; la réponse motivée est jointe.';
  return [
    {
      ...civil,
      by: p.youssef,
      categoryId: cat.complaint,
      subject: 'Ma demande de certificat de résidence n’a jamais reçu de réponse',
      fields: {},
      filedDaysAgo: 210,
      steps: [
        { action: 'acknowledge', by: p.reception, daysAgo: 208 },
        { action: 'start', by: p.agent, daysAgo: 200 },
      ],
    },
    {
      ...civil,
      by: p.fatima,
      categoryId: cat.complaint,
      subject: 'لم أتلق أي رد على طلب تصحيح اسم والدي منذ أشهر',
      fields: {},
      filedDaysAgo: 130,
      steps: [{ action: 'acknowledge', by: p.reception, daysAgo: 128 }],
      // three weeks ago she took it to the commune's supervisors, who have not answered: the overseer is next
      escalations: [{ daysAgo: 21, statement: 'مرت أشهر دون أي جواب على طلب تصحيح اسم والدي، أرجو تدخلكم.' }],
    },
    {
      ...civil,
      by: p.fatima,
      categoryId: cat.birth,
      subject: 'Extrait d’acte de naissance pour le consulat de Lyon',
      fields: birthFields,
      filedDaysAgo: 40,
      steps: [],
    },
    {
      ...civil,
      by: p.youssef,
      categoryId: cat.birth,
      subject: 'Copie intégrale pour un mariage à Madrid',
      fields: birthFields,
      filedDaysAgo: 70,
      steps: [
        { action: 'acknowledge', by: p.reception, daysAgo: 69 },
        { action: 'start', by: p.agent, daysAgo: 68 },
        { action: 'submit_reply', by: p.agent, daysAgo: 60, reason: reply },
      ],
    },
    {
      ...civil,
      by: p.fatima,
      categoryId: cat.complaint,
      subject: 'شكاية بخصوص تأخر تسليم شهادة الحياة',
      fields: {},
      filedDaysAgo: 150,
      steps: [
        { action: 'acknowledge', by: p.reception, daysAgo: 149 },
        { action: 'start', by: p.agent, daysAgo: 140 },
        { action: 'submit_reply', by: p.agent, daysAgo: 40, reason: reply },
        { action: 'approve_reply', by: p.chief, daysAgo: 38 },
        { action: 'close', by: p.agent, daysAgo: 30 },
      ],
    },
    {
      ...civil,
      by: p.youssef,
      categoryId: cat.birth,
      subject: 'Extrait pour l’inscription de ma fille à l’école',
      fields: birthFields,
      filedDaysAgo: 45,
      steps: [
        { action: 'acknowledge', by: p.reception, daysAgo: 44 },
        { action: 'start', by: p.agent, daysAgo: 30 },
        { action: 'submit_reply', by: p.agent, daysAgo: 25, reason: reply },
        { action: 'approve_reply', by: p.chief, daysAgo: 24 },
      ],
    },
    {
      ...civil,
      by: p.fatima,
      categoryId: cat.birth,
      subject: 'نسخة موجزة لتجديد جواز السفر',
      fields: birthFields,
      filedDaysAgo: 20,
      steps: [
        { action: 'acknowledge', by: p.reception, daysAgo: 20 },
        { action: 'start', by: p.agent, daysAgo: 19 },
        { action: 'submit_reply', by: p.agent, daysAgo: 18, reason: reply },
        { action: 'approve_reply', by: p.chief, daysAgo: 18 },
        { action: 'close', by: p.agent, daysAgo: 10 },
      ],
    },
    {
      by: p.khadija,
      institutionId: at.aubm,
      categoryId: cat.permit,
      subject: 'Note de renseignements pour le terrain familial à Fquih Ben Salah',
      fields: { location: 'Douar Ouled Ayad, Fquih Ben Salah', surface_m2: 300 },
      filedDaysAgo: 100,
      steps: [{ action: 'acknowledge', by: p.aubmAgent, daysAgo: 99 }],
    },
  ];
}
