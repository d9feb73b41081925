/**
 * Message templates: which placeholders each event fills, the default wording per channel, rendering to
 * text and to an HTML e-mail. Pure: no I/O.
 */
import { type Lang, type MessageKey, t } from '../../i18n/index.js';
import { type ArticleUse, PLACEHOLDER, withArticle } from '../../shared/french-article.js';
import {
  type AppointmentNoticeEvent,
  appointmentNoticeEvents,
  type Channel,
  channels,
  citizenEvents,
  type TemplateEvent,
} from './schema.js';

const citizenCommon = ['name', 'institution', 'tracking', 'subject', 'url', 'due'];
const staffCommon = ['name', 'institution', 'tracking', 'subject', 'url', 'due'];
/** A booking's messages: `url` manages the booking (change or cancel), `bookUrl` books again. */
const appointmentCommon = [
  'name',
  'institution',
  'service',
  'reference',
  'when',
  'how',
  'reason',
  'url',
  'rescheduleUrl',
  'cancelUrl',
  'bookUrl',
];

/** The placeholders an event can fill; a template may use only these. */
export const placeholders: Record<TemplateEvent, readonly string[]> = {
  receipt: [...citizenCommon, 'code'],
  receipt_desk: [...citizenCommon, 'code'],
  info_requested: [...citizenCommon, 'reason'],
  message: [...citizenCommon, 'reason'],
  reply_sent: [...citizenCommon, 'reply'],
  ready: citizenCommon,
  closed: [...citizenCommon, 'reason'],
  rejected: [...citizenCommon, 'reason'],
  referred: [...citizenCommon, 'reason'],
  appointment: [...citizenCommon, 'when', 'place'],
  deadline_passed: citizenCommon,
  /** `holder`: the body (and department) that holds the file now; `moves`: the day's moves, one a line. */
  case_moved: [...citizenCommon, 'holder', 'moves'],
  appointment_booked: appointmentCommon,
  appointment_moved: appointmentCommon,
  appointment_cancelled: appointmentCommon,
  appointment_reminder_day: appointmentCommon,
  appointment_reminder_hour: appointmentCommon,
  assigned: staffCommon,
  returned: [...staffCommon, 'reason'],
  overdue: staffCommon,
  instruction: [...staffCommon, 'reason'],
  /** `reason`: the person's own words to the supervisors or overseers they escalate the case to */
  citizen_escalated: [...staffCommon, 'reason'],
  /** `reason`: the score and the person's comment, when they left one */
  follow_up: [...staffCommon, 'reason'],
};

/**
 * The parameters of the pre-approved WhatsApp template `<prefix><event>`, in order ({{1}}, {{2}}, …).
 * The template registered with the provider must use them in this order.
 */
export const whatsappParams: Record<TemplateEvent, readonly string[]> = {
  receipt: ['name', 'institution', 'tracking', 'code', 'due', 'url'],
  receipt_desk: ['name', 'institution', 'tracking', 'code', 'due', 'url'],
  info_requested: ['name', 'institution', 'tracking', 'reason', 'url'],
  message: ['name', 'institution', 'tracking', 'reason', 'url'],
  reply_sent: ['name', 'institution', 'tracking', 'reply', 'url'],
  ready: ['name', 'institution', 'tracking', 'url'],
  closed: ['name', 'institution', 'tracking', 'url'],
  rejected: ['name', 'institution', 'tracking', 'reason', 'url'],
  referred: ['name', 'institution', 'tracking', 'reason', 'url'],
  appointment: ['name', 'institution', 'tracking', 'when', 'place', 'url'],
  deadline_passed: ['name', 'institution', 'tracking', 'due', 'url'],
  case_moved: ['name', 'tracking', 'holder', 'url'],
  appointment_booked: ['name', 'institution', 'service', 'when', 'how', 'reference', 'url'],
  appointment_moved: ['name', 'institution', 'service', 'when', 'reason', 'reference', 'url'],
  appointment_cancelled: ['name', 'institution', 'service', 'when', 'reason', 'bookUrl'],
  appointment_reminder_day: ['name', 'institution', 'service', 'when', 'how', 'url'],
  appointment_reminder_hour: ['name', 'institution', 'service', 'when', 'how', 'url'],
  assigned: ['name', 'tracking', 'due', 'url'],
  returned: ['name', 'tracking', 'reason', 'url'],
  overdue: ['name', 'tracking', 'due', 'url'],
  instruction: ['name', 'tracking', 'reason', 'url'],
  citizen_escalated: ['name', 'tracking', 'url'],
  follow_up: ['name', 'tracking', 'reason', 'url'],
};

export const isCitizenEvent = (e: TemplateEvent) => (citizenEvents as readonly string[]).includes(e);
export const isAppointmentEvent = (e: string): e is AppointmentNoticeEvent =>
  (appointmentNoticeEvents as readonly string[]).includes(e);

/**
 * The channels an event goes out on. A booking's messages go by e-mail, SMS and WhatsApp: a letter or a call
 * task about a time next week would come too late or cost a call for nothing.
 */
export const templateChannels = (e: TemplateEvent): readonly Channel[] =>
  isAppointmentEvent(e) ? ['email', 'sms', 'whatsapp'] : channels;

/** E-mails and letters have a subject and the long text; SMS, WhatsApp and call scripts the short one. */
export const hasSubject = (channel: Channel) => channel === 'email' || channel === 'post';

export type Template = { subject: string | null; body: string };

export function defaultTemplate(event: TemplateEvent, channel: Channel, lang: Lang): Template {
  const key = (part: string) => `notify.${event}.${part}` as MessageKey;
  if (channel === 'post')
    return { subject: t(lang, key('subject')), body: asLetter(t(lang, key('body')), lang) };
  return hasSubject(channel)
    ? { subject: t(lang, key('subject')), body: t(lang, key('body')) }
    : { subject: null, body: t(lang, key('short')) };
}

/** The e-mail's greeting (« Bonjour {name}, ») at the head of a text. */
const MAIL_GREETING = /^(Hello|Bonjour|مرحبا) \{name\}[,،]\n+/;

/**
 * The e-mail's words as a letter: a formal opening instead of « Bonjour », and the formal closing; the
 * signatory block (the body, its department) is drawn under it by the letter's layout.
 */
export function asLetter(body: string, lang: Lang): string {
  return `${t(lang, 'letter.opening')}\n\n${body.replace(MAIL_GREETING, '')}\n\n${t(lang, 'letter.closing')}`;
}

/** The `{name}` placeholders a text uses. */
export function usedPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function unknownPlaceholders(event: TemplateEvent, ...texts: (string | null | undefined)[]): string[] {
  const allowed = placeholders[event];
  return texts.flatMap((x) => (x ? usedPlaceholders(x) : [])).filter((p) => !allowed.includes(p));
}

/** Fills `{name}` placeholders (in French also `{institution|de}`: « de la Commune… », see withArticle); a missing value leaves an empty string, and blank lines it leaves are removed. */
export function fill(text: string, params: Record<string, string | number | null | undefined>): string {
  return text
    .replace(PLACEHOLDER, (_, name: string, use?: ArticleUse) => {
      const v = params[name];
      return v === null || v === undefined ? '' : withArticle(String(v), use);
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Links in a text, made clickable (only http and https). */
function linkify(escaped: string): string {
  return escaped.replace(
    /https?:\/\/[^\s<]+[^\s<.,;:!?)»]/g,
    (url) => `<a href="${url}" style="color:#0b5394">${url}</a>`,
  );
}

/**
 * An HTML e-mail from the text: right-to-left for Arabic, with the link to follow the case as a button.
 * Every character of the text is escaped; only our own markup is HTML.
 */
export function renderEmailHtml(m: {
  subject: string;
  text: string;
  lang: Lang;
  link?: string | null;
  linkLabel?: string;
}): string {
  const dir = m.lang === 'ar' ? 'rtl' : 'ltr';
  const paragraphs = m.text
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 1em">${linkify(escapeHtml(p)).replaceAll('\n', '<br>')}</p>`)
    .join('');
  const button =
    m.link && /^https?:\/\//.test(m.link)
      ? `<p style="margin:1.5em 0"><a href="${escapeHtml(m.link)}" style="display:inline-block;background:#0b5394;color:#fff;padding:.6em 1.2em;border-radius:6px;text-decoration:none">${escapeHtml(m.linkLabel ?? m.link)}</a></p>`
      : '';
  return `<!doctype html><html lang="${m.lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(m.subject)}</title></head><body dir="${dir}" style="margin:0;padding:1em;font-family:'Noto Sans Arabic','Noto Sans',Tahoma,Arial,sans-serif;direction:${dir};text-align:${dir === 'rtl' ? 'right' : 'left'};line-height:1.6;color:#1a1a1a"><div style="max-width:40em;margin:0 auto">${paragraphs}${button}</div></body></html>`;
}

/** Example values for a preview, in the language of the template. */
export function sampleParams(event: TemplateEvent, lang: Lang): Record<string, string> {
  const ar = lang === 'ar';
  const base: Record<string, string> = {
    name: ar ? 'فاطمة الحسني' : 'Fatima El Hassani',
    institution: ar ? 'جماعة آيت ملول' : lang === 'fr' ? 'Commune d’Aït Melloul' : 'Aït Melloul commune',
    tracking: 'AML-2026-000123',
    subject: ar
      ? 'نسخة موجزة من رسم الولادة'
      : lang === 'fr'
        ? 'Extrait d’acte de naissance'
        : 'Birth certificate',
    url: 'https://jisr.example.ma/track/AML-2026-000123',
    due: ar ? '15 مارس 2026' : lang === 'fr' ? '15 mars 2026' : '15 March 2026',
    code: 'K7M2Q-9XPT4',
    reason: ar
      ? 'نسخة من بطاقة التعريف الوطنية.'
      : lang === 'fr'
        ? 'Une copie de votre CIN.'
        : 'A copy of your ID card.',
    reply: ar
      ? 'تم إعداد الوثيقة وسترسل إليك عبر البريد.'
      : lang === 'fr'
        ? 'Votre acte a été établi ; il vous est envoyé par courrier.'
        : 'Your certificate has been issued and is sent to you by post.',
    when: ar
      ? '20 مارس 2026 على الساعة 10:00'
      : lang === 'fr'
        ? '20 mars 2026 à 10 h 00'
        : '20 March 2026 at 10:00',
    place: ar ? 'مكتب الحالة المدنية' : lang === 'fr' ? 'Bureau d’état civil' : 'Civil status office',
    service: ar ? 'الشباك الوحيد لمغاربة العالم' : lang === 'fr' ? 'Guichet unique MRE' : 'Single window',
    reference: 'AML-RDV-2026-00042',
    how: ar
      ? 'حضوريا، بمقر جماعة آيت ملول'
      : lang === 'fr'
        ? 'Sur place, à la commune'
        : 'In person, at the commune',
    rescheduleUrl: 'https://jisr.example.ma/appointments/manage/3f2a?action=reschedule',
    cancelUrl: 'https://jisr.example.ma/appointments/manage/3f2a?action=cancel',
    bookUrl: 'https://jisr.example.ma/appointments',
    holder: ar
      ? 'جماعة آيت ملول — مصلحة الحالة المدنية'
      : lang === 'fr'
        ? 'Commune d’Aït Melloul — Service de l’état civil'
        : 'Aït Melloul commune — Civil status office',
    moves: ar
      ? '- جماعة آيت ملول — مصلحة الحالة المدنية: أحيل إلى المصلحة المختصة'
      : lang === 'fr'
        ? '- Commune d’Aït Melloul — Service de l’état civil : transmis au service compétent'
        : '- Aït Melloul commune — Civil status office: passed to the competent department',
  };
  if (isAppointmentEvent(event)) {
    base.url = 'https://jisr.example.ma/appointments/manage/3f2a';
    base.reason = ar ? 'غياب المسؤول' : lang === 'fr' ? 'Absence du responsable' : 'The official is away';
  }
  return Object.fromEntries(placeholders[event].map((p) => [p, base[p] ?? '']));
}
