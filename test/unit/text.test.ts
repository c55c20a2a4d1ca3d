import { describe, expect, it } from 'vitest';
import { isPlainId, singleLine, visible } from '../../lambda/domain/text';

const ESC = '\u001b';
const BEL = '\u0007';

describe('names as single-line text', () => {
  it.each([
    ['a newline', 'Claude\n2. [CRITICAL] forged', 'Claude 2. [CRITICAL] forged'],
    ['a carriage return and a tab', 'Claude\r\n\tSonnet', 'Claude Sonnet'],
    [
      'an OSC 8 link',
      `Claude ${ESC}]8;;https://e.example${BEL}x${ESC}]8;;${BEL}`,
      'Claude  ]8;;https://e.example x ]8;;',
    ],
    ['a colour sequence', `${ESC}[31mred${ESC}[0m`, '[31mred [0m'],
    ['an 8-bit CSI', 'a\u009b31mb', 'a 31mb'],
    ['a line separator', 'a\u2028b', 'a b'],
    ['a right-to-left override', 'abc\u202Efed', 'abc fed'],
  ])('collapse %s to a space', (_what, text, expected) => {
    expect(singleLine(text)).toBe(expected);
  });

  it('leave ordinary names as they are, spaces and accents included', () => {
    expect(singleLine('Modèle  “Titan” Text G1 – Express')).toBe('Modèle  “Titan” Text G1 – Express');
  });
});

describe('ids as people read them', () => {
  it('show each control character as its escape, and nothing else changed', () => {
    expect(visible(`vendor.a\nb${ESC}[2J-v1:0`)).toBe('vendor.a\\u000ab\\u001b[2J-v1:0');
    expect(visible("vendor.model'$(x)'-v1:0")).toBe("vendor.model'$(x)'-v1:0");
  });

  it('count as plain only with the characters real Bedrock ids use', () => {
    expect(isPlainId('anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(true);
    expect(isPlainId('arn:aws:bedrock:us-east-1::foundation-model/x')).toBe(true);
    for (const id of ["a'b", 'a b', 'a$(b)', 'a\nb', 'a`b`', 'a;b', ''])
      expect(isPlainId(id), id).toBe(false);
  });
});
