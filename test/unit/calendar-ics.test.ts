import { describe, expect, it } from 'vitest';
import { fold, text } from '../../cli/calendar-ics';

describe('iCalendar content lines', () => {
  it('folds at 75 octets without splitting a UTF-8 sequence, and unfolds to the same line', () => {
    const line = `DESCRIPTION:${'Modèle à la retraite 🙂, '.repeat(12)}`;
    const folded = fold(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(4);
    for (const part of folded) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      expect(Buffer.from(part).toString('utf8')).not.toContain('\uFFFD');
    }
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(fold('SUMMARY:short')).toBe('SUMMARY:short');
  });

  it('escapes TEXT values, and shows a control character from data as its escape, never raw', () => {
    expect(text('a;b,c\\d')).toBe('a\\;b\\,c\\\\d');
    expect(text('vendor.model\u001b[2J\nBEGIN:VEVENT')).toBe('vendor.model\\\\u001b[2J\\\\u000aBEGIN:VEVENT');
  });
});
