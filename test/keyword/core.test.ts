/** The keyword rules (src/core/keywords.ts): pure, no simulator. */
import { describe, expect, it } from 'vitest';
import { checkKeyword, checkKeywordMessage, contentProblems, keywordKind, reservedProblems, sameAnswer, usTollFreeProblems } from '../../src/core/keywords.js';

describe('keyword rules', () => {
  it('lengths and shapes', () => {
    expect(checkKeyword('INFO')).toBeUndefined();
    expect(checkKeyword('OPT-OUT NOW')).toBeUndefined();
    expect(checkKeyword('')).toContain('is empty');
    expect(checkKeyword('a'.repeat(31))).toContain('31 characters');
    expect(checkKeyword('INFO ')).toContain('space');
    expect(checkKeyword('IN\tFO')).toContain('tab');
    expect(checkKeywordMessage(' \n ')).toContain('is empty');
    expect(checkKeywordMessage('é'.repeat(1600))).toBeUndefined();
    expect(checkKeywordMessage('é'.repeat(1601))).toContain('1601 characters');
  });

  it('reserved keywords and US toll-free', () => {
    expect(reservedProblems('help', 'OPT_IN', 'set')[0]).toContain('HELP always has the action AUTOMATIC_RESPONSE');
    expect(reservedProblems('STOP', 'OPT_OUT', 'set')).toEqual([]);
    expect(reservedProblems('unsubscribe', 'AUTOMATIC_RESPONSE', 'set')[0]).toContain("UNSUBSCRIBE is one of AWS's opt-out keywords");
    expect(reservedProblems('UNSUBSCRIBE', 'OPT_OUT', 'set')).toEqual([]);
    expect(reservedProblems('stop', '', 'delete')[0]).toContain('cannot be deleted');
    expect(reservedProblems('INFO', '', 'delete')).toEqual([]);
    expect(usTollFreeProblems('STOP', 'OPT_OUT')[0]).toContain('carriers answer STOP');
    expect(usTollFreeProblems('LEAVE', 'OPT_OUT')[0]).toContain('only opt-out keyword');
    expect(usTollFreeProblems('START', 'OPT_IN')).toEqual([]);
  });

  it('what carriers expect of HELP and STOP answers', () => {
    expect(keywordKind('help', 'AUTOMATIC_RESPONSE')).toBe('help');
    expect(keywordKind('LEAVE', 'OPT_OUT')).toBe('stop');
    expect(keywordKind('INFO', 'AUTOMATIC_RESPONSE')).toBe('other');
    expect(contentProblems('help', 'Acme: help at support@acme.example. Reply STOP to opt out.')).toEqual([]);
    expect(contentProblems('help', 'Acme Alerts - call (206) 555-0199. Text STOP to cancel.')).toEqual([]);
    expect(contentProblems('help', 'For help visit https://acme.example, Acme. Reply STOP to end.', 'acme')).toEqual([]);
    expect(contentProblems('help', 'Acme: Reply STOP to opt out.')).toEqual([expect.stringContaining('no way to reach support')]);
    expect(contentProblems('stop', 'Acme: you have been unsubscribed. No more messages will be sent.')).toEqual([]);
    expect(contentProblems('stop', 'You are now opted out and will no longer receive messages.')).toEqual([
      expect.stringContaining('does not start with the brand'),
    ]);
    expect(contentProblems('other', 'anything')).toEqual([]);
  });

  it('answers compare without case and spacing', () => {
    expect(sameAnswer('Acme:  Reply STOP\nto opt out', 'acme: reply stop to opt out ')).toBe(true);
    expect(sameAnswer('Acme: Reply STOP', 'Acme: Reply END')).toBe(false);
  });
});
