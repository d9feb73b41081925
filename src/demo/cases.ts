/**
 * The demo's files of today: filed by the three citizens at the seed's instant and taken to every state of
 * the lifecycle (`aged-cases.ts` has the files with a past); and the commune's reply template.
 */
import type { Actor } from '../modules/accounts/actor.js';
import type { CaseAction } from '../modules/cases/state-machine.js';
import { type AgedCase, birthFields, type Categories, type People, type Places } from './aged-cases.js';

/** The commune's template of a reasoned favourable reply, in French and Arabic. */
export const REPLY_TEMPLATES = [
  {
    language: 'fr',
    title: 'Réponse favorable motivée',
    body: 'Madame, Monsieur,\n\nEn réponse à votre demande {tracking} (« {subject} »), nous avons l’honneur de vous informer que, après examen, {body} y donne une suite favorable.\n\nBase légale : …\n\nDécision : …',
    parts: {
      facts: 'Votre demande {tracking} (« {subject} ») a été reçue et examinée par le service compétent.',
      decision: 'Après examen, {body} donne une suite favorable à votre demande.',
      contest:
        'Vous pouvez adresser une réclamation à {body} depuis votre espace en ligne, ou saisir le Médiateur du Royaume.',
    },
  },
  {
    language: 'ar',
    title: 'جواب إيجابي معلل',
    body: 'سيدتي، سيدي،\n\nجوابا على طلبكم {tracking} («{subject}»)، يشرفنا إخباركم أنه بعد الدراسة، قررت {body} الاستجابة لطلبكم.\n\nالأساس القانوني: …\n\nالقرار: …',
    parts: {
      facts: 'توصلت المصلحة المختصة بطلبكم {tracking} («{subject}») ودرسته.',
      decision: 'بعد الدراسة، قررت {body} الاستجابة لطلبكم.',
      contest: 'يمكنكم تقديم شكاية إلى {body} من فضائكم الإلكتروني، أو اللجوء إلى مؤسسة وسيط المملكة.',
    },
  },
] as const;

/** One file of today per state: who files it, where, and the steps taken on it since (all today). */
export function filesOfToday(people: People, at: Places, cat: Categories): AgedCase[] {
  const { fatima, youssef, khadija, agent, chief, reception, aubmAgent } = people;
  const { birth, complaint, permit } = cat;
  type Plan = {
    by: Actor;
    inst: string;
    dept?: string;
    cat: string;
    subject: string;
    fields: Record<string, string | number>;
    steps: [CaseAction, Actor, string?][];
  };
  const ack: [CaseAction, Actor] = ['acknowledge', reception];
  const start: [CaseAction, Actor] = ['start', agent];
  const draft: [CaseAction, Actor, string] = [
    'submit_reply',
    agent,
    'Votre acte a été établi; il vous est envoyé par courrier.',
  ];
  const approve: [CaseAction, Actor] = ['approve_reply', chief];
  const plans: Plan[] = [
    {
      by: fatima,
      inst: at.aml,
      dept: at.civilStatus,
      cat: birth,
      subject: 'نسخة موجزة من رسم الولادة',
      fields: birthFields,
      steps: [],
    },
    {
      by: fatima,
      inst: at.aml,
      dept: at.civilStatus,
      cat: birth,
      subject: 'Extrait d’acte de naissance pour mon fils',
      fields: birthFields,
      steps: [ack],
    },
    {
      by: youssef,
      inst: at.aml,
      dept: at.civilStatus,
      cat: birth,
      subject: 'Extrait d’acte de naissance',
      fields: birthFields,
      steps: [ack, start],
    },
    {
      by: youssef,
      inst: at.aml,
      dept: at.civilStatus,
      cat: birth,
      subject: 'Copie pour dossier de retraite',
      fields: birthFields,
      steps: [ack, start, ['request_info', agent, 'Merci de joindre une copie de votre CIN.']],
    },
    {
      by: fatima,
      inst: at.aml,
      dept: at.civilStatus,
      cat: birth,
      subject: 'Acte de naissance (mariage en France)',
      fields: birthFields,
      steps: [ack, start, draft],
    },
    {
      by: youssef,
      inst: at.aml,
      dept: at.civilStatus,
      cat: complaint,
      subject: 'Aucune réponse à ma demande de 2025',
      fields: {},
      steps: [ack, start, draft, approve],
    },
    {
      by: fatima,
      inst: at.aml,
      dept: at.civilStatus,
      cat: birth,
      subject: 'نسخة لملف التجمع العائلي',
      fields: birthFields,
      steps: [ack, start, ['mark_ready', agent]],
    },
    {
      by: youssef,
      inst: at.aml,
      dept: at.civilStatus,
      cat: birth,
      subject: 'Acte pour renouvellement de passeport',
      fields: birthFields,
      steps: [ack, start, draft, approve, ['close', agent]],
    },
    {
      by: fatima,
      inst: at.aml,
      dept: at.civilStatus,
      cat: complaint,
      subject: 'شكاية خارج اختصاص الجماعة',
      fields: {},
      steps: [['reject', agent, 'La demande concerne un jugement: hors compétence de la commune.']],
    },
    {
      by: youssef,
      inst: at.aml,
      dept: at.civilStatus,
      cat: complaint,
      subject: 'Litige foncier avec l’administration des domaines',
      fields: {},
      steps: [ack, ['refer', agent, 'Orienté vers le Médiateur du Royaume, délégation Souss-Massa.']],
    },
    {
      by: fatima,
      inst: at.aml,
      dept: at.civilStatus,
      cat: birth,
      subject: 'Demande faite en double',
      fields: birthFields,
      steps: [['withdraw', fatima]],
    },
    {
      by: youssef,
      inst: at.aml,
      dept: at.civilStatus,
      cat: complaint,
      subject: 'Réponse incomplète sur mon dossier',
      fields: {},
      steps: [
        ack,
        start,
        draft,
        approve,
        ['reopen', youssef, 'La réponse ne traite pas de la deuxième demande.'],
      ],
    },
    {
      by: khadija,
      inst: at.aubm,
      cat: permit,
      subject: 'Note de renseignements pour un terrain à Béni Mellal',
      fields: { location: 'Hay Ennour, Béni Mellal', surface_m2: 120 },
      steps: [
        ['acknowledge', aubmAgent],
        ['start', aubmAgent],
      ],
    },
  ];
  const needsReason = (a: CaseAction) =>
    a === 'submit_reply' || a === 'return_reply' || a === 'request_info' || a === 'citizen_reply';
  return plans.map((p) => ({
    by: p.by,
    institutionId: p.inst,
    departmentId: p.dept,
    categoryId: p.cat,
    subject: p.subject,
    fields: p.fields,
    filedDaysAgo: 0,
    steps: p.steps.map(([action, by, reason]) => ({
      action,
      by,
      daysAgo: 0,
      reason: reason ?? (needsReason(action) ? '—' : undefined),
    })),
  }));
}
