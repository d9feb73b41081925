/**
 * A spelling-proof key for people's names, the same in Arabic and Latin script: consonants only,
 * doubled letters collapsed. Mohamed, Mohammed, Muhammad and محمد all give "mhmd"; Youssef and يوسف "ysf".
 * Used to catch the same person registered twice at the desk. It is deliberately broad (Mahmoud and
 * Mohamed share "mhmd"): it proposes candidates, and the agent decides with the birth date and phone.
 */
import { foldForSearch } from './text-normalize.js';

const arabicToLatin: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 't',
  ج: 'j',
  ح: 'h',
  خ: 'k',
  د: 'd',
  ذ: 'd',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 's',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'd',
  ع: '',
  غ: 'g',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ء: '',
  ا: '',
  و: 'w',
  ي: 'y',
  پ: 'b',
  ڤ: 'v',
  ۋ: 'w',
};

function wordSkeleton(word: string): string {
  // Latin digraphs first, so "ch", "kh", "gh", "ou" read like their Arabic letters
  let w = word
    .replace(/ch|sh/g, 's')
    .replace(/kh|q|c/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/ph/g, 'f')
    .replace(/x/g, 'ks');
  w = w.replace(/ه$/, ''); // ta marbuta (folded to ha) is not written in Latin: Fatima / فاطمة
  w = [...w].map((ch) => arabicToLatin[ch] ?? ch).join('');
  const first = w[0] ?? '';
  // vowels and the half-vowels w/y are dropped inside a word, kept at its start (Youssef, Walid, Yassine)
  const rest = w.slice(1).replace(/[aeiouyw]/g, '');
  const keptFirst = /[aeiou]/.test(first) ? '' : first;
  return (keptFirst + rest).replace(/[^a-z]/g, '').replace(/(.)\1+/g, '$1');
}

export function nameSkeleton(...names: (string | null | undefined)[]): string {
  const words = names
    .filter((n): n is string => !!n)
    .flatMap((n) =>
      foldForSearch(n)
        .replace(/\b(el|al|ben|bin|ibn|ait|ould)\b/g, ' ')
        .replace(/ال/g, '')
        .split(/\s+/),
    );
  return words.map(wordSkeleton).filter(Boolean).join(' ');
}
