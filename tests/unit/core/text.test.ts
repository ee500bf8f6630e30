import { describe, expect, it } from 'vitest';
import { closestSpellings, editDistance, excerpt, parseCommandLine } from '../../../src/core/index.ts';

describe('excerpt', () => {
  it('short text → unchanged', () => {
    expect(excerpt('Hello world.', 50)).toBe('Hello world.');
  });

  it('long text with a sentence end late enough → cut after the sentence', () => {
    const text = 'This first sentence is a bit longer now. Second sentence goes on and on for a while.';
    expect(excerpt(text, 50)).toBe('This first sentence is a bit longer now. …');
  });

  it('long text without a sentence end → cut on a word boundary with an ellipsis', () => {
    const out = excerpt('alpha beta gamma delta epsilon zeta eta theta iota kappa', 30);
    expect(out.endsWith('…')).toBe(true);
    expect([...out].length).toBeLessThanOrEqual(30);
    expect('alpha beta gamma delta epsilon zeta eta theta iota kappa'.startsWith(out.slice(0, -1))).toBe(true);
  });

  it('emoji and CJK → never split inside a character', () => {
    const out = excerpt('🧵'.repeat(50), 10);
    expect([...out]).toHaveLength(10);
    expect(out).toBe(`${'🧵'.repeat(9)}…`);
  });
});

describe('suggestions', () => {
  it('edit distance over code points', () => {
    expect(editDistance('xinjiang', 'xinjang')).toBe(1);
    expect(editDistance('可可托海', '可可托')).toBe(1);
  });

  it('a misspelt tag → the closest known tags, more used first on ties', () => {
    const known = [
      { tag: 'xinjiang', threads: 30 },
      { tag: 'xinjiangcotton', threads: 2 },
      { tag: 'china', threads: 50 },
    ];
    expect(closestSpellings('xinjang', known, 3)).toEqual(['xinjiang']);
    expect(closestSpellings('xinjiang2', known, 3)).toEqual(['xinjiang']);
  });
});

describe('parseCommandLine', () => {
  it('a command addressed to a bot in a group → name and args', () => {
    expect(parseCommandLine('/threads@SpoolBot #Xinjiang best')).toEqual({ name: 'threads', args: ['#Xinjiang', 'best'], bot: 'SpoolBot' });
  });

  it('text that is not a command → undefined', () => {
    expect(parseCommandLine('hello /threads')).toBeUndefined();
  });
});
