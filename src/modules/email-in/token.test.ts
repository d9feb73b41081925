import { describe, expect, it } from 'vitest';
import { readReplyToken, replyAddress } from './token.js';

const SECRET = 'a-secret-of-the-platform';
const to = { trackingNumber: 'AML-2026-000123', accountId: '3f2a9c1e-7b4d-4e8a-9f10-2b3c4d5e6f70' };

describe('reply addresses', () => {
  it('carry the case and the person, signed, in lower case, within 64 characters before the @', () => {
    const address = replyAddress(SECRET, 'Reponses.Jisr.MA', to);
    const local = address.split('@')[0]!;
    expect(address).toMatch(/^reply\+aml-2026-000123\.[a-z2-7]{26}\.[a-z2-7]{10}@reponses\.jisr\.ma$/);
    expect(local.length).toBeLessThanOrEqual(64);
    expect(readReplyToken(SECRET, local)).toEqual({ ok: true, ...to });
    // a mail system may write the address in capitals
    expect(readReplyToken(SECRET, local.toUpperCase())).toEqual({ ok: true, ...to });
  });

  it('are refused when changed, signed with another secret, or not of the expected shape', () => {
    const local = replyAddress(SECRET, 'x.ma', to).split('@')[0]!;
    const otherCase = local.replace('000123', '000124');
    const otherPerson = replyAddress(SECRET, 'x.ma', { ...to, accountId: to.accountId.replace('3f', '4f') })
      .split('@')[0]!
      .split('.')[1]!;
    const [head, , mac] = local.split('.');
    expect(readReplyToken(SECRET, otherCase)).toEqual({ ok: false, error: 'tampered' });
    expect(readReplyToken(SECRET, `${head}.${otherPerson}.${mac}`)).toEqual({ ok: false, error: 'tampered' });
    expect(readReplyToken('another-secret-entirely', local)).toEqual({ ok: false, error: 'tampered' });
    expect(readReplyToken(SECRET, 'reply+aml-2026-000123.abc.def')).toEqual({
      ok: false,
      error: 'malformed',
    });
    expect(readReplyToken(SECRET, 'aml')).toBeNull();
  });
});
