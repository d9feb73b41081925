/**
 * French needs an article before a body's name, contracted with « de » and « à », and elided before a vowel:
 * « auprès de la Commune d’Aït Melloul », « de l’Agence urbaine », « du Conseil régional », « au Bureau… ».
 * The article follows the name's first word (the kind of body); a name that is not a common noun (a proper
 * name, or one already starting with its article) is used as it is, with « d’ » before a vowel.
 */

const FEMININE = new Set([
  'administration',
  'agence',
  'ambassade',
  'annexe',
  'autorité',
  'caisse',
  'chambre',
  'commune',
  'conservation',
  'cour',
  'délégation',
  'direction',
  'division',
  'école',
  'fondation',
  'inspection',
  'institution',
  'maison',
  'mairie',
  'municipalité',
  'perception',
  'préfecture',
  'province',
  'région',
  'sous-préfecture',
  'trésorerie',
  'université',
  'wilaya',
]);

const MASCULINE = new Set([
  'arrondissement',
  'bureau',
  'caïdat',
  'centre',
  'cercle',
  'conseil',
  'consulat',
  'département',
  'district',
  'établissement',
  'guichet',
  'haut-commissariat',
  'médiateur',
  'ministère',
  'office',
  'pachalik',
  'secrétariat',
  'service',
  'tribunal',
]);

const VOWEL = /^[aàâäeéèêëiîïoôöuùûüyhAÀÂÄEÉÈÊËIÎÏOÔÖUÙÛÜYH]/;
const ARTICLE = /^(le|la|les|l[’'])\s?/i;

export type FrenchCase = 'le' | 'de' | 'à';

/** The name with its article for a use in a sentence: « la Commune… » (le), « de la Commune… » (de), « à la Commune… » (à). */
export function frenchName(name: string, use: FrenchCase): string {
  const n = name.trim();
  const own = ARTICLE.exec(n);
  if (own) {
    const article = own[1]!.toLowerCase();
    const rest = n.slice(own[0].length);
    if (use === 'le') return `${article === 'l’' || article === "l'" ? 'l’' : `${article} `}${rest}`;
    return contract(use, article.startsWith('l’') || article === "l'" ? 'l’' : article, rest);
  }
  const head = n.split(/[\s’']/)[0]!.toLowerCase();
  const article = FEMININE.has(head)
    ? VOWEL.test(head)
      ? 'l’'
      : 'la'
    : MASCULINE.has(head)
      ? VOWEL.test(head)
        ? 'l’'
        : 'le'
      : null;
  if (!article) {
    if (use === 'le') return n;
    if (use === 'à') return `à ${n}`;
    return VOWEL.test(n) ? `d’${n}` : `de ${n}`;
  }
  if (use === 'le') return article === 'l’' ? `l’${n}` : `${article} ${n}`;
  return contract(use, article, n);
}

function contract(use: 'de' | 'à', article: string, rest: string): string {
  if (article === 'l’') return `${use} l’${rest}`;
  if (article === 'le') return `${use === 'de' ? 'du' : 'au'} ${rest}`;
  if (article === 'les') return `${use === 'de' ? 'des' : 'aux'} ${rest}`;
  return `${use} la ${rest}`;
}

/** The same, starting a sentence: « La Commune d’Aït Melloul… », « L’Agence urbaine… ». */
export function frenchNameAtStart(name: string): string {
  const s = frenchName(name, 'le');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type ArticleUse = FrenchCase | 'Le';

/**
 * What a `{institution|de}` placeholder (and its `|à`, `|le`, `|Le` kin) stands for: the French name with its
 * article. A name in Arabic script is left as it is (the article is French), so a mistaken use never garbles it.
 */
export function withArticle(value: string, use: ArticleUse | undefined): string {
  if (!use || !/[A-Za-z]/.test(value)) return value;
  return use === 'Le' ? frenchNameAtStart(value) : frenchName(value, use);
}

/** `{name}` or `{name|de}` (see withArticle) in a template; shared by the messages and the mail templates. */
export const PLACEHOLDER = /\{(\w+)(?:\|(de|à|le|Le))?\}/g;
