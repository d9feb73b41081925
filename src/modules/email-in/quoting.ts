/**
 * What the person wrote in a reply, without the message they answer: mail programs put the earlier message
 * under a line such as "On … wrote:", "Le … a écrit :", "في … كتب …:", or an Outlook header block, and
 * mark quoted lines with `>`. The text is cut at the first such line; quoted lines and a signature after
 * "-- " go too.
 */
const ATTRIBUTION = [
  /^On\s.+\swrote\s?:$/i,
  /^Le\s.+\sa\s[ée]crit\s?:$/i,
  /^في\s.+\sكتب.*:$/,
  /^كتب\s.+:$/,
  /^-{2,}\s*(Original Message|Message d['’]origine|الرسالة الأصلية)\s*-{2,}$/i,
  /^_{10,}$/,
  /^(From|De|من)\s?:\s.+/,
];

const isAttribution = (line: string) => ATTRIBUTION.some((re) => re.test(line.trim()));

export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // mail programs wrap a long attribution over two lines
    const joined = i + 1 < lines.length ? `${line.trim()} ${lines[i + 1]!.trim()}` : line;
    if (isAttribution(line) || (line.trim() && isAttribution(joined))) break;
    if (line === '-- ' || line === '--') break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
