import { describe, expect, it } from 'vitest';
import { KNOWN_PROVIDERS, mentionFinder } from '../../cli/scan/model-mentions';

/** A small deterministic generator (mulberry32), so a failing text can be made again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that stress the grammar: ARNs, profile prefixes, long runs of hyphens, dots and digits, other scripts. */
const PIECES = [
  'arn:aws:bedrock:us',
  '-a',
  '-east-1',
  ':123456789012:',
  '::foundation-model/',
  'inference-profile/',
  'application-inference-profile/x9cf1ccd1fph',
  'us.',
  'global.',
  'apac.',
  'anthropic.',
  'amazon.',
  'meta.',
  'claude-3-7-sonnet-20250219-v1:0',
  'llama3-3-70b-instruct-v1:0',
  ':200k',
  '-',
  '--',
  '.',
  '..',
  '0',
  '9',
  'v1',
  ' ',
  '\n',
  '"',
  "'",
  '/model/',
  '@',
  'é',
  'ß',
  '模型',
  '🚀',
  '\u202e',
];

/** A text of about `bytes` characters, made of random pieces and long runs of one piece. */
function adversarial(bytes: number, seed: number): string {
  const next = random(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const piece = PIECES[Math.floor(next() * PIECES.length)] ?? '';
    const part = next() < 0.05 ? piece.repeat(1 + Math.floor(next() * 20_000)) : piece;
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, bytes);
}

describe('the model-mention matcher against adversarial text', () => {
  const find = mentionFinder([...KNOWN_PROVIDERS]);

  it('never throws on random and adversarial text, and finds real ids inside it', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(() => find(adversarial(200_000, seed)), `seed ${seed}`).not.toThrow();
    }
    const planted = `${adversarial(100_000, 99)}\nconst m = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";\n`;
    expect(find(planted).map((m) => m.reference)).toContain('us.anthropic.claude-3-7-sonnet-20250219-v1:0');
  });

  it('scales with the text: 8 MB holds 8 times the mentions of 1 MB, found in one pass (ratio of times reported)', () => {
    const one = adversarial(1_000_000, 7);
    const eight = `${one}\n`.repeat(8);
    // The best of three runs each, after a first that compiles the pattern.
    find(one);
    const time = (text: string) => {
      const runs = [0, 1, 2].map(() => {
        const start = performance.now();
        const count = find(text).length;
        return { count, ms: performance.now() - start };
      });
      return { count: runs[0]?.count ?? 0, ms: Math.min(...runs.map((r) => r.ms)) };
    };
    const small = time(one);
    const large = time(eight);
    expect(large.count).toBe(small.count * 8);
    // A benchmark figure, not an assertion: linear work gives a ratio near 8.
    console.info(
      `model-mention matcher: 1 MB in ${small.ms.toFixed(0)} ms, 8 MB in ${large.ms.toFixed(0)} ms (ratio ${(large.ms / small.ms).toFixed(1)})`,
    );
  });
});
