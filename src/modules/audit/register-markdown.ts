/** Writes the processing register (law 09-08) as Markdown, in one language, for the CNDP declaration. */
import { type Lang, t } from '../../i18n/index.js';
import { columnData, columnRetention, registerTables } from './processing-register.js';
import type { RegisterFacts } from './register-facts.js';
import {
  dataCategories,
  type ProcessingId,
  processings,
  type RecipientId,
  type RetentionId,
  recipients,
  recipientsOf,
  retentionRules,
  type Text,
} from './register-vocabulary.js';
import { registerWords, securityMeasures } from './register-words.js';

const fill = (text: string, params: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
/** Text from outside (a body's or a category's name) in a table cell. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

const retentionIds = Object.keys(retentionRules) as RetentionId[];
const recipientIds = Object.keys(recipients) as RecipientId[];
/** Short references, R1… and D1…, that the tables use and sections 4 and 5 spell out. */
const ruleRef = (id: RetentionId) => `R${retentionIds.indexOf(id) + 1}`;
const recipientRef = (id: RecipientId) => `D${recipientIds.indexOf(id) + 1}`;

export function writeRegister(facts: RegisterFacts, lang: Lang): string {
  const w = (key: keyof typeof registerWords, params: Record<string, string | number> = {}) =>
    fill(registerWords[key][lang], params);
  const counted = {
    months: t(lang, 'count.months', { count: facts.defaultMonths }),
    hours: t(lang, 'count.hours', { count: facts.sessionHours }),
  };
  const say = (text: Text) => fill(text[lang], counted);
  const out: string[] = [];
  const line = (...l: string[]) => out.push(...l);

  line(`# ${w('title')}`, '', w('intro', { date: facts.writtenAt.toISOString().slice(0, 10) }), '');
  line(facts.bodies ? w('fromDatabase') : w('fromDefaults'), '');

  line(`## ${w('controller')}`, '', w('controllerText'), '');
  if (facts.bodies?.length) {
    line(w('bodies'), '');
    for (const b of facts.bodies) line(`- \`${b.code}\` — ${cell(b.name[lang])}`);
    line('');
  }

  line(`## ${w('processings')}`, '');
  for (const [id, p] of Object.entries(processings) as [ProcessingId, (typeof processings)[ProcessingId]][]) {
    line(`### ${say(p.name)}`, '');
    line(`- ${w('purpose')}${w('colon')} ${say(p.purpose)}`);
    line(`- ${w('legalBasis')}${w('colon')} ${say(p.legalBasis)}`);
    const refs = [...recipientsOf[id]].sort((a, b) => recipientIds.indexOf(a) - recipientIds.indexOf(b));
    line(`- ${w('recipients')}${w('colon')} ${refs.map(recipientRef).join(', ')}`, '');
  }

  line(`## ${w('tables')}`, '');
  for (const t of registerTables) {
    line(`### \`${t.table}\` — ${say(processings[t.processing].name)}`, '');
    line(`| ${w('column')} | ${w('data')} | ${w('retention')} |`, '| --- | --- | --- |');
    for (const [column, entry] of Object.entries(t.columns))
      line(
        `| \`${t.table}.${column}\` | ${say(dataCategories[columnData(entry)])} | ${ruleRef(columnRetention(t, column))} |`,
      );
    line('');
  }
  line(w('files'), '');

  line(`## ${w('retentionTitle')}`, '', w('retentionDefault', { months: counted.months }), '');
  if (facts.bodies) {
    if (facts.periods.length) {
      line(
        w('bodyPeriods'),
        '',
        `| ${w('body')} | ${w('category')} | ${w('months')} |`,
        '| --- | --- | --- |',
      );
      for (const p of facts.periods)
        line(
          `| \`${p.body.code}\` ${cell(p.body.name[lang])} | ${cell(p.category.name[lang])} | ${p.months} |`,
        );
      line('');
    } else line(w('noBodyPeriods'), '');
  }
  line(`${w('rules')}${w('colon')}`, '');
  for (const id of retentionIds) line(`- **${ruleRef(id)}** — ${say(retentionRules[id])}`);
  line('');

  line(`## ${w('recipientsTitle')}`, '');
  for (const id of recipientIds) line(`- **${recipientRef(id)}** — ${say(recipients[id])}`);
  line('');

  line(`## ${w('transfers')}`, '', w('transfersRule'), '');
  line(`- ${facts.email ? w('emailLine', { host: facts.email }) : w('emailNone')}`);
  line(`- ${facts.sms ? w('smsLine', { host: facts.sms }) : w('smsNone')}`);
  const wa = facts.whatsapp;
  line(
    `- ${wa ? w(wa.kind === 'cloud' ? 'whatsappCloud' : 'whatsappWebhook', { host: wa.host }) : w('whatsappNone')}`,
    '',
  );

  line(`## ${w('security')}`, '');
  for (const m of securityMeasures) line(`- ${say(m)}`);
  line('');
  return out.join('\n');
}
