import { SINGLE_LINE_MAX, text } from '#shared/domain/common';

// unit: what the shared free-text schema lets through, by the kind of text.
const accepts = (schema: ReturnType<typeof text>, value: string) => schema.safeParse(value).success;

describe('free text', () => {
  const name = text(120);
  const description = text(4000);

  it('refuses every control character, in short and long texts alike (but tab and line breaks in long ones)', () => {
    for (let code = 0; code < 0x20; code++) {
      const char = String.fromCharCode(code);
      expect({ code, short: accepts(name, `a${char}b`) }).toEqual({ code, short: false });
      expect({ code, long: accepts(description, `a${char}b`) }).toEqual({
        code,
        long: ['\t', '\n', '\r'].includes(char),
      });
    }
    for (const char of ['\u007f', '\u0080', '\u0085', '\u009f']) {
      expect(accepts(name, `a${char}b`)).toBe(false);
      expect(accepts(description, `a${char}b`)).toBe(false);
    }
    expect(accepts(name, 'one\u2028two')).toBe(false);
    expect(accepts(description, 'one\u2028two')).toBe(true);
  });

  it('refuses unpaired surrogates and keeps paired ones (emoji) and accents', () => {
    for (const broken of ['\ud800', 'a\udbffb', '\udc00x', 'x\ud83d']) {
      expect(accepts(name, broken)).toBe(false);
      expect(accepts(description, broken)).toBe(false);
    }
    expect(name.parse('  Émile & Söhne 😀 ')).toBe('Émile & Söhne 😀');
  });

  it('decides long texts by their maximum, unless told', () => {
    expect(accepts(text(SINGLE_LINE_MAX), 'a\nb')).toBe(false);
    expect(accepts(text(SINGLE_LINE_MAX + 1), 'a\nb')).toBe(true);
    expect(accepts(text(2000, { multiline: false }), 'a\nb')).toBe(false);
    expect(accepts(text(100, { multiline: true }), 'a\nb')).toBe(true);
    expect(accepts(text(100, { min: 3 }), 'ab')).toBe(false);
  });

  it('names the problem in its message', () => {
    const issue = name.safeParse('a\u0000b').error?.issues[0];
    expect(issue?.message).toMatch(/one line without control characters/);
    expect(description.safeParse('a\u0000b').error?.issues[0]?.message).toMatch(/control characters/);
  });
});
