/**
 * Synthetic data at scale, loaded straight into the database with set-based SQL (INSERT … SELECT from
 * generate_series, in batches), never through the HTTP API: institutions across the territory with their
 * departments and agents, citizens living in many countries (accounts and profiles), and cases in every state
 * over three years, in Arabic and French, each with the rows the platform writes for it (timeline events,
 * audit rows, the receipt notification). Incremental: it tops the database up to the size asked.
 */
import { openStates } from '../src/modules/cases/state-machine.js';
import type { Sql } from './sql.js';

export const BENCH_ACCESS_CODE = 'BENCH-CODE1';
export const SYNTHETIC_INSTITUTIONS = 400;

const countries = [
  ...Array(35).fill('FR'),
  ...Array(15).fill('ES'),
  ...Array(10).fill('BE'),
  ...Array(10).fill('IT'),
  ...Array(8).fill('NL'),
  ...Array(5).fill('DE'),
  ...Array(4).fill('CA'),
  ...Array(3).fill('US'),
  ...Array(3).fill('AE'),
  ...Array(2).fill('GB'),
  ...Array(2).fill('SA'),
  'QA',
  'SE',
  'CH',
];

const givenNames: [string, string][] = [
  ['فاطمة', 'Fatima'],
  ['محمد', 'Mohamed'],
  ['يوسف', 'Youssef'],
  ['خديجة', 'Khadija'],
  ['أحمد', 'Ahmed'],
  ['مريم', 'Meryem'],
  ['عبد الله', 'Abdellah'],
  ['سعيد', 'Said'],
  ['نادية', 'Nadia'],
  ['رشيد', 'Rachid'],
  ['زينب', 'Zineb'],
  ['إبراهيم', 'Brahim'],
  ['حسن', 'Hassan'],
  ['سناء', 'Sanaa'],
  ['عمر', 'Omar'],
  ['ليلى', 'Leila'],
  ['مصطفى', 'Mustapha'],
  ['حنان', 'Hanane'],
  ['كريم', 'Karim'],
  ['أمينة', 'Amina'],
  ['إدريس', 'Driss'],
  ['سلمى', 'Salma'],
  ['هشام', 'Hicham'],
  ['وفاء', 'Wafae'],
];
const familyNames: [string, string][] = [
  ['العلوي', 'Alaoui'],
  ['بناني', 'Bennani'],
  ['التازي', 'Tazi'],
  ['الإدريسي', 'Idrissi'],
  ['الفاسي', 'Fassi'],
  ['أمزيان', 'Amziane'],
  ['أيت بها', 'Ait Baha'],
  ['الحسني', 'Hassani'],
  ['بوزيد', 'Bouzid'],
  ['الشرقاوي', 'Cherkaoui'],
  ['أوعلي', 'Ouali'],
  ['الزياني', 'Ziani'],
  ['المرابط', 'Mrabet'],
  ['بلحاج', 'Belhaj'],
  ['أخياط', 'Akhiat'],
  ['الصنهاجي', 'Sanhaji'],
  ['الرحموني', 'Rahmouni'],
  ['أوبلا', 'Oubella'],
  ['الكبير', 'El Kbir'],
  ['السوسي', 'Soussi'],
];

const subjectsAr = [
  'طلب نسخة موجزة من رسم الولادة',
  'طلب شهادة السكنى',
  'طلب تصحيح الإمضاء',
  'شكاية بخصوص تأخر الرد على طلبي',
  'طلب رخصة البناء لمنزل العائلة',
  'شكاية حول سوء الاستقبال بالشباك',
  'طلب شهادة الحياة لصرف المعاش',
  'تظلم بخصوص نزاع عقاري',
  'طلب معلومات حول وثائق الزواج',
  'اقتراح لتحسين خدمات الجماعة للجالية',
  'طلب دفتر الحالة المدنية',
  'شكاية بخصوص الضريبة المحلية',
];
const subjectsFr = [
  "Demande d'extrait d'acte de naissance",
  'Certificat de résidence pour mon dossier consulaire',
  'Légalisation de signature sur une procuration',
  'Réclamation : aucune réponse depuis trois mois',
  'Autorisation de construire sur le terrain familial',
  "Plainte concernant l'accueil au guichet",
  'Certificat de vie pour ma pension de retraite',
  'Litige foncier avec un voisin à la commune',
  'Renseignements sur les documents du mariage',
  'Suggestion pour les Marocains du monde en été',
  'Duplicata du livret de famille',
  'Réclamation sur la taxe des services communaux',
];
const sentencesAr = [
  'أقيم في الخارج منذ سنوات عديدة ولا أستطيع التنقل إلى المغرب في الوقت الحالي.',
  'أرجو منكم التفضل بمعالجة طلبي في أقرب الآجال.',
  'سبق لي أن وضعت نفس الطلب بالشباك دون أن أتوصل بأي رد.',
  'أرفقت نسخة من بطاقة التعريف الوطنية وجواز السفر.',
  'الوثيقة مطلوبة من طرف القنصلية لإتمام ملف الإقامة.',
  'يتعلق الأمر بعقار في ملكية العائلة منذ عقود.',
  'أطلب إرسال الوثيقة عبر البريد إلى عنواني بالخارج.',
  'أشكركم مسبقا على تعاونكم وتفهمكم.',
  'المعاش متوقف إلى حين الإدلاء بشهادة الحياة.',
  'أحتاج إلى هذه الوثيقة لتسجيل أبنائي في المدرسة.',
];
const sentencesFr = [
  "J'habite à l'étranger depuis de nombreuses années et je ne peux pas me déplacer au Maroc pour le moment.",
  'Je vous prie de bien vouloir traiter ma demande dans les meilleurs délais.',
  "J'ai déjà déposé la même demande au guichet sans recevoir de réponse.",
  "Je joins une copie de ma carte nationale d'identité et de mon passeport.",
  'Le document est exigé par le consulat pour compléter mon dossier de séjour.',
  "Il s'agit d'un bien appartenant à la famille depuis des décennies.",
  "Merci d'envoyer le document par la poste à mon adresse à l'étranger.",
  'Je vous remercie par avance de votre aide et de votre compréhension.',
  "Ma pension est suspendue jusqu'à la présentation du certificat de vie.",
  "J'ai besoin de ce document pour inscrire mes enfants à l'école.",
];

/** Search terms that hit the generated texts (Arabic and French), for the search scenarios. */
export const searchTermsAr = ['الولادة', 'شكاية', 'رخصة البناء', 'العلوي', 'شهادة الحياة', 'عقاري'];
export const searchTermsFr = [
  'naissance',
  'réclamation',
  'construire',
  'Alaoui',
  'certificat vie',
  'foncier',
];

type Progress = (done: number, total: number, label: string) => void;

/** Letters-only institution codes (tracking numbers take letters): BXAAA, BXAAB, … */
function syntheticCode(i: number): string {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `BX${a[Math.floor(i / 676) % 26]}${a[Math.floor(i / 26) % 26]}${a[i % 26]}`;
}

/** Communes across every region, each with three departments and two agents. Idempotent. */
async function ensureInstitutions(db: Sql): Promise<void> {
  const [{ n }] = (await db.query<{ n: number }>(
    `select count(*)::int as n from institutions where code like 'BX%'`,
  )) as [{ n: number }];
  if (n >= SYNTHETIC_INSTITUTIONS) return;
  const communes = await db.query<{
    code: string;
    name_ar: string;
    name_fr: string;
    region: string;
    province: string;
  }>(
    `select code, name_ar, name_fr, region_code as region, province_code as province from (
       select t.*, row_number() over (order by code) as rn from territories t
       where type in ('commune', 'municipality') and region_code is not null) s
     where rn % 3 = 0 order by code limit ${SYNTHETIC_INSTITUTIONS}`,
  );
  const codes = communes.map((_, i) => syntheticCode(i));
  await db.query(
    `insert into institutions (code, type, name_ar, name_fr, name_en, territory_code, region_code, province_code, email)
     select c, 'commune', 'جماعة ' || na, 'Commune de ' || nf, nf || ' commune', t, r, p, lower(c) || '@communes.example.ma'
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as x(c, na, nf, t, r, p)
     on conflict do nothing`,
    [
      codes,
      communes.map((c) => c.name_ar),
      communes.map((c) => c.name_fr),
      communes.map((c) => c.code),
      communes.map((c) => c.region),
      communes.map((c) => c.province),
    ],
  );
  await db.exec(`
    insert into departments (institution_id, code, name_ar, name_fr, name_en)
    select i.id, d.code, d.ar, d.fr, d.en from institutions i
    cross join (values ('mre', 'استقبال مغاربة العالم', 'Accueil MRE', 'MRE desk'),
                       ('etat-civil', 'الحالة المدنية', 'État civil', 'Civil status'),
                       ('urbanisme', 'التعمير', 'Urbanisme', 'Urban planning')) as d(code, ar, fr, en)
    where i.code like 'BX%' and not exists (select 1 from departments x where x.institution_id = i.id);
    insert into accounts (kind, email, password_hash, display_name, preferred_language, email_verified_at)
    select 'staff', 'agent' || k || '.' || lower(i.code) || '@communes.example.ma', '!synthetic', 'Agent ' || k || ' ' || i.code, 'fr', now()
    from institutions i cross join generate_series(1, 2) k
    where i.code like 'BX%' on conflict do nothing;
    insert into staff_memberships (account_id, institution_id, role)
    select a.id, i.id, 'department_agent' from institutions i
    join accounts a on a.email like 'agent_.' || lower(i.code) || '@communes.example.ma'
    where i.code like 'BX%' and not exists (select 1 from staff_memberships m where m.account_id = a.id);
  `);
}

/** Citizens (accounts with a confirmed e-mail, and their profiles), numbered, up to `target`. */
async function ensureCitizens(db: Sql, target: number, progress: Progress): Promise<void> {
  const [{ n }] = (await db.query<{ n: number }>(
    `select count(*)::int as n from accounts where email like 'citizen-%@mre.example.net'`,
  )) as [{ n: number }];
  const batch = 20_000;
  for (let from = n + 1; from <= target; from += batch) {
    const to = Math.min(target, from + batch - 1);
    await db.query(
      `with src as (
         select g, gen_random_uuid() as id,
                1 + floor(random() * cardinality($3::text[]))::int as gi,
                1 + floor(random() * cardinality($5::text[]))::int as fi,
                ($7::text[])[1 + floor(random() * cardinality($7::text[]))::int] as country,
                random() as r
         from generate_series($1::int, $2::int) g),
       acc as (
         insert into accounts (id, kind, email, password_hash, display_name, preferred_language, email_verified_at, created_at)
         select id, 'citizen', 'citizen-' || g || '@mre.example.net', '!synthetic',
                ($4::text[])[gi] || ' ' || ($6::text[])[fi],
                case when r < 0.55 then 'ar' when r < 0.95 then 'fr' else 'en' end,
                now() - interval '4 years', now() - interval '4 years'
         from src)
       insert into citizen_profiles (account_id, given_name_ar, family_name_ar, given_name_latin, family_name_latin,
                                     country_of_residence, phone, reply_channels, updated_at)
       select id, ($3::text[])[gi], ($5::text[])[fi], ($4::text[])[gi], ($6::text[])[fi], country,
              '+33' || lpad((600000000 + g)::text, 9, '0'), '["email"]'::jsonb, now()
       from src`,
      [
        from,
        to,
        givenNames.map((x) => x[0]),
        givenNames.map((x) => x[1]),
        familyNames.map((x) => x[0]),
        familyNames.map((x) => x[1]),
        countries,
      ],
    );
    progress(to, target, 'citizens');
  }
}

/** Fills the database up to `targetCases` cases. `accessCodeHash`: the hash of BENCH_ACCESS_CODE. */
export async function generate(
  db: Sql,
  targetCases: number,
  accessCodeHash: string,
  progress: Progress,
): Promise<{ added: number; seconds: number }> {
  const started = Date.now();
  await ensureInstitutions(db);
  await ensureCitizens(db, Math.max(1000, Math.round(targetCases / 4)), progress);

  const [{ n, maxSeq }] = (await db.query<{ n: number; maxSeq: number }>(
    `select count(*)::int as n, coalesce(max(split_part(tracking_number, '-', 3)::int), 0)::int as "maxSeq" from cases`,
  )) as [{ n: number; maxSeq: number }];
  if (n >= targetCases) return { added: 0, seconds: 0 };

  // Institutions in a fixed order: the demo commune first (a big commune: 8 % of all cases), then the others.
  const insts = await db.query<{ id: string; code: string }>(
    `select id, code from institutions order by (code = 'AML') desc, (code like 'BX%'), code`,
  );
  const deptIds: (string | null)[] = [];
  const staffIds: (string | null)[] = [];
  for (const inst of insts) {
    const d = await db.query<{ id: string }>(
      `select id from departments where institution_id = $1 order by created_at, code limit 3`,
      [inst.id],
    );
    for (let k = 0; k < 3; k++) deptIds.push(d.length ? d[k % d.length]!.id : null);
    const s = await db.query<{ id: string }>(
      `select account_id as id from staff_memberships where institution_id = $1
       and role in ('department_agent', 'supervisor') order by role, created_at limit 2`,
      [inst.id],
    );
    for (let k = 0; k < 2; k++) staffIds.push(s.length ? s[k % s.length]!.id : null);
  }
  const cats = await db.query<{ id: string; kind: string; deadline: number }>(
    `select id, kind, deadline_days as deadline from case_categories where active order by code`,
  );
  // Kinds as they come in: documents most, then complaints, then the rest.
  const weighted = cats.flatMap((c) =>
    Array(c.kind === 'document_request' ? 4 : c.kind === 'complaint' ? 3 : 1).fill(c),
  );

  await db.exec(`drop table if exists pg_temp.bench_citizens`);
  await db.exec(`
    create temp table bench_citizens as
    select row_number() over (order by a.email) as n, a.id, a.email, p.country_of_residence as country,
           -- as the platform writes it: Latin names · Arabic names (the display name is the Latin one here)
           concat_ws(' · ', p.given_name_latin || ' ' || p.family_name_latin, p.given_name_ar || ' ' || p.family_name_ar) as name
    from accounts a join citizen_profiles p on p.account_id = a.id
    where a.email like 'citizen-%@mre.example.net';
    create unique index on bench_citizens (n);
    analyze bench_citizens;`);
  const [{ citizens }] = (await db.query<{ citizens: number }>(
    `select count(*)::int as citizens from bench_citizens`,
  )) as [{ citizens: number }];

  const toAdd = targetCases - n;
  const batch = db.driver === 'pglite' ? 5_000 : 10_000;
  const params = [
    insts.map((i) => i.id),
    insts.map((i) => i.code),
    deptIds,
    staffIds,
    weighted.map((c) => c.id),
    weighted.map((c) => c.kind),
    weighted.map((c) => c.deadline),
    subjectsAr,
    subjectsFr,
    sentencesAr,
    sentencesFr,
    citizens,
    accessCodeHash,
  ];
  // The settled cases' counters are rebuilt once at the end rather than kept row by row by their trigger.
  await db.exec('alter table cases disable trigger closed_case_counts_keep');
  // For a large load, the secondary indexes of the tables written (not those behind a key or a constraint)
  // are dropped, and built again at the end, as bulk loads do: maintaining twelve indexes row by row is most
  // of a load's time. The database ends with the same indexes, built in one pass each.
  const rebuilt = toAdd >= 200_000 && db.driver === 'postgres' ? await dropSecondaryIndexes(db) : [];
  for (let done = 0; done < toAdd; ) {
    const count = Math.min(batch, toAdd - done);
    const from = maxSeq + 1 + done;
    await db.query(CASES_SQL, [from, from + count - 1, ...params, maxSeq + 1, maxSeq + toAdd]);
    done += count;
    progress(n + done, targetCases, 'cases');
  }
  await db.exec(`
    insert into tracking_counters (institution_id, year, value)
    select institution_id, split_part(tracking_number, '-', 2)::int, max(split_part(tracking_number, '-', 3)::int)
    from cases group by 1, 2
    on conflict (institution_id, year) do update set value = greatest(tracking_counters.value, excluded.value);`);
  for (const [i, def] of rebuilt.entries()) {
    progress(i, rebuilt.length, 'indexes');
    await db.exec(`set maintenance_work_mem = '1GB'; ${def}`);
  }
  await db.exec(`
    alter table cases enable trigger closed_case_counts_keep;
    delete from closed_case_counts;
    insert into closed_case_counts (institution_id, state, kind, category_id, intake_channel, requester_country, n)
    select institution_id, state, kind, category_id, intake_channel, requester_country, count(*)::int
      from cases where not (state = any (array[${openStates.map((st) => `'${st}'`).join(', ')}]))
     group by 1, 2, 3, 4, 5, 6;`);
  progress(targetCases, targetCases, 'analyze');
  await db.exec('vacuum analyze');
  return { added: toAdd, seconds: (Date.now() - started) / 1000 };
}

/**
 * One batch of cases, from g = $1 to $2, with their timeline, audit rows and receipt notification.
 * Parameters: $3 institution ids, $4 their codes, $5 three departments per institution, $6 two agents per
 * institution, $7–$9 categories (id, kind, deadline days, weighted), $10–$13 texts, $14 citizens, $15 access code hash,
 * $16–$17 the first and last g of this run (dates run over three years from the first to the last).
 */
const CASES_SQL = `
with base as (
  select g,
         case when random() < 0.08 then 1
              else 2 + floor(power(random(), 2) * (cardinality($3::uuid[]) - 1))::int end as ii,
         1 + floor(random() * cardinality($7::uuid[]))::int as ci,
         1 + floor(random() * $14::int)::int as cn,
         -- in filing order, as in production (recent cases sit together at the end of the table)
         now() - interval '1095 days' * (1 - (g - $16::int + random()) / ($17::int - $16::int + 1)) as created,
         random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6
  from generate_series($1::int, $2::int) g),
aged as (
  select b.*, extract(epoch from now() - b.created) / 86400 as age,
         ($8::text[])[b.ci] as kind, ($9::int[])[b.ci] as deadline
  from base b),
stated as (
  select a.*,
         case when a.r1 < (case when a.age < 45 then 0.75 when a.age < 120 then 0.2 else 0.03 end)
              then (array['submitted','acknowledged','in_progress','in_progress','awaiting_citizen','reply_pending_approval','reopened'])[1 + floor(a.r2 * 7)::int]
              else (array['closed','closed','closed','answered','answered','ready','rejected','referred','withdrawn'])[1 + floor(a.r2 * 9)::int]
         end as st0
  from aged a),
shaped as (
  select s.*,
         case when s.st0 = 'ready' and s.kind <> 'document_request' then 'answered' else s.st0 end as state,
         case when s.r3 < 0.55 then 'ar' when s.r3 < 0.95 then 'fr' else 'en' end as lang,
         least(now(), s.created + (0.2 + s.r4 * 1.5) * s.deadline * interval '1 day') as finished
  from stated s),
rows as (
  select s.*, gen_random_uuid() as id,
         case when s.state in ('answered','closed','ready','rejected','referred','withdrawn') then s.finished end as closed,
         case when s.state in ('answered','closed','ready','rejected','referred','withdrawn','reopened') then s.finished
              else least(now(), s.created + s.r5 * s.age * interval '1 day') end as updated,
         case s.state
           when 'submitted' then array['submitted']
           when 'acknowledged' then array['submitted','acknowledged']
           when 'in_progress' then array['submitted','acknowledged','started']
           when 'awaiting_citizen' then array['submitted','acknowledged','started','info_requested']
           when 'reply_pending_approval' then array['submitted','acknowledged','started','reply_drafted']
           when 'answered' then array['submitted','acknowledged','started','reply_drafted','reply_approved']
           when 'closed' then array['submitted','acknowledged','started','reply_drafted','reply_approved','closed']
           when 'ready' then array['submitted','acknowledged','started','ready']
           when 'rejected' then array['submitted','acknowledged','rejected']
           when 'referred' then array['submitted','acknowledged','referred']
           when 'withdrawn' then array['submitted','withdrawn']
           else array['submitted','acknowledged','started','reply_drafted','reply_approved','reopened']
         end as path,
         c.id as requester, c.name as requester_name, c.country, c.email,
         (array['web','web','web','web','web','web','desk','desk','phone','whatsapp','email','post','referral'])[1 + floor(s.r6 * 13)::int] as channel,
         ($5::uuid[])[(s.ii - 1) * 3 + 1 + floor(s.r6 * 3)::int] as dept,
         ($6::uuid[])[(s.ii - 1) * 2 + 1 + floor(s.r5 * 2)::int] as agent
  from shaped s join bench_citizens c on c.n = s.cn),
ins as (
  insert into cases (id, institution_id, tracking_number, access_code_hash, kind, category_id, subject, description,
                     fields, intake_channel, reply_channels, language, requester_id, requester_name, requester_country,
                     department_id, assignee_id, state, due_at, paused_at, version, created_at, updated_at, closed_at)
  select r.id, ($3::uuid[])[r.ii],
         ($4::text[])[r.ii] || '-' || extract(year from r.created at time zone 'Africa/Casablanca')::int || '-' || lpad(r.g::text, 7, '0'),
         $15::text, r.kind, ($7::uuid[])[r.ci],
         case when r.lang = 'ar' then ($10::text[])[1 + (r.g % cardinality($10::text[]))]
              else ($11::text[])[1 + (r.g % cardinality($11::text[]))] end,
         case when r.lang = 'ar'
              then ($12::text[])[1 + floor(r.r1 * cardinality($12::text[]))::int] || ' ' || ($12::text[])[1 + floor(r.r4 * cardinality($12::text[]))::int] || ' ' || ($12::text[])[1 + (r.g % cardinality($12::text[]))]
              else ($13::text[])[1 + floor(r.r1 * cardinality($13::text[]))::int] || ' ' || ($13::text[])[1 + floor(r.r4 * cardinality($13::text[]))::int] || ' ' || ($13::text[])[1 + (r.g % cardinality($13::text[]))] end,
         '{}'::jsonb, r.channel, '["email"]'::jsonb, r.lang, r.requester, r.requester_name, r.country,
         case when r.state = 'submitted' then null else r.dept end,
         case when r.state in ('submitted', 'acknowledged', 'withdrawn') then null else r.agent end,
         r.state, r.created + r.deadline * interval '1 day',
         case when r.state = 'awaiting_citizen' then r.updated end,
         cardinality(r.path), r.created, r.updated, r.closed
  from rows r),
ev as (
  select r.id, r.ii, r.requester, r.agent, r.channel, r.created, r.updated, e.type, e.k, cardinality(r.path) as n
  from rows r cross join lateral unnest(r.path) with ordinality as e(type, k)),
evins as (
  insert into case_events (case_id, type, actor_id, from_state, to_state, data, visibility, created_at)
  select ev.id, ev.type, case when ev.type = 'submitted' then ev.requester else ev.agent end, null,
         case ev.type when 'started' then 'in_progress' when 'info_requested' then 'awaiting_citizen'
                      when 'reply_drafted' then 'reply_pending_approval' when 'reply_approved' then 'answered'
                      else ev.type end,
         case when ev.type = 'submitted' then jsonb_build_object('channel', ev.channel) else '{}'::jsonb end,
         case when ev.type = 'reply_drafted' then 'internal' else 'public' end,
         ev.created + (ev.updated - ev.created) * ((ev.k - 1)::float / greatest(ev.n - 1, 1))
  from ev
  order by ev.id, ev.k),
audins as (
  insert into audit_log (at, actor_id, action, entity_type, entity_id, institution_id, data)
  select ev.created + (ev.updated - ev.created) * ((ev.k - 1)::float / greatest(ev.n - 1, 1)),
         case when ev.type = 'submitted' then ev.requester else ev.agent end,
         case when ev.type = 'submitted' then 'case.create' else 'case.' || ev.type end,
         'case', ev.id::text, ($3::uuid[])[ev.ii], '{}'::jsonb
  from ev)
insert into notifications (idempotency_key, event, channel, language, institution_id, case_id, recipient_id, to_address,
                           subject, text_body, status, attempts, next_attempt_at, created_at, sent_at)
select 'receipt:' || r.id, 'receipt', 'email', r.lang, ($3::uuid[])[r.ii], r.id, r.requester, r.email,
       'Receipt', 'Your request has been received. Keep your tracking number and code to follow it.', 'sent', 1,
       r.created, r.created, r.created
from rows r`;

/** What the scenarios need: ids of the demo commune and its staff, cases to open and to track. */
export async function fixtures(db: Sql) {
  const [aml] = await db.query<{ id: string }>(`select id from institutions where code = 'AML'`);
  const [cat] = await db.query<{ id: string }>(
    `select id from case_categories where code = 'complaint-autre' and active`,
  );
  const caseIds = await db.query<{ id: string }>(
    `select id from cases where institution_id = $1 and access_code_hash <> '' and version >= 3
     order by md5(id::text) limit 200`,
    [aml!.id],
  );
  const tracking = await db.query<{ t: string }>(
    `select tracking_number as t from cases where tracking_number like '%-_______' order by md5(id::text) limit 500`,
  );
  return {
    institutionId: aml!.id,
    categoryId: cat!.id,
    caseIds: caseIds.map((r) => r.id),
    trackingNumbers: tracking.map((r) => r.t),
  };
}
export type Fixtures = Awaited<ReturnType<typeof fixtures>>;

/** Drops the indexes of the tables a load writes that no key or constraint stands on; returns how to build them. */
async function dropSecondaryIndexes(db: Sql): Promise<string[]> {
  const rows = (await db.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid in ('cases'::regclass, 'case_events'::regclass, 'audit_log'::regclass, 'notifications'::regclass)
        and not i.indisunique and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
  )) as { name: string; def: string }[];
  for (const r of rows) await db.exec(`drop index ${r.name}`);
  return rows.map((r) => r.def);
}
