import { describe, expect, it } from 'vitest';
import {
  checkImageUrl,
  checkLine,
  checkReason,
  checkSlug,
  checkTags,
  parseCount,
  parseDegrees,
  parseDelta,
  parsePriceTenge,
  parseTags,
  slugify,
} from './forms';

describe('parsePriceTenge (typed in tenge, sent in tiyn)', () => {
  it('turns tenge into whole tiyn without floating point', () => {
    expect(parsePriceTenge('12990')).toEqual({ value: 1_299_000, error: null });
    expect(parsePriceTenge('12 990.50')).toEqual({ value: 1_299_050, error: null });
    expect(parsePriceTenge('12990,5')).toEqual({ value: 1_299_050, error: null });
    expect(parsePriceTenge('0.07')).toEqual({ value: 7, error: null });
    // 0.1 + 0.2 style float errors cannot creep in: 1.15 ₸ is 115 tiyn, not 114.999…
    expect(parsePriceTenge('1.15').value).toBe(115);
    expect(parsePriceTenge('0')).toEqual({ value: 0, error: null });
    expect(parsePriceTenge('100 000 000')).toEqual({ value: 10_000_000_000, error: null });
  });

  it('explains what is wrong in plain words', () => {
    expect(parsePriceTenge('').error).toBe('Enter a price in tenge, e.g. 12 990 or 12 990.50.');
    expect(parsePriceTenge('  ', 'a list price').error).toBe('Enter a list price in tenge, e.g. 12 990 or 12 990.50.');
    expect(parsePriceTenge('12.345').error).toBe('Use digits only, with at most two decimals (e.g. 12 990.50).');
    expect(parsePriceTenge('-5').error).toMatch(/digits only/);
    expect(parsePriceTenge('12k').error).toMatch(/digits only/);
    expect(parsePriceTenge('100000000.01').error).toBe('A price can be at most ₸100\u00a0000\u00a0000.');
  });
});

describe('counts and stock changes', () => {
  it('parseCount takes 0 to 1 000 000 whole units', () => {
    expect(parseCount('0').value).toBe(0);
    expect(parseCount(' 1 000 ').value).toBe(1000);
    expect(parseCount('1000000').value).toBe(1_000_000);
    expect(parseCount('').error).toBe('Enter how many units you have, e.g. 10.');
    expect(parseCount('-1').error).toBe('The number of units must be a whole number, 0 or more.');
    expect(parseCount('2.5').error).toMatch(/whole number/);
    expect(parseCount('1000001').error).toBe('At most 1 000 000 units.');
  });

  it('parseDelta takes a signed, non-zero whole number', () => {
    expect(parseDelta('10').value).toBe(10);
    expect(parseDelta('+10').value).toBe(10);
    expect(parseDelta('-3').value).toBe(-3);
    expect(parseDelta('0').error).toBe('The change cannot be zero.');
    expect(parseDelta('').error).toMatch(/add \(e\.g\. 10\) or remove \(e\.g\. -3\)/);
    expect(parseDelta('three').error).toBe('The change must be a whole number, e.g. 10 or -3.');
    expect(parseDelta('-1000001').error).toBe('One change can move at most 1 000 000 units.');
  });

  it('checkReason wants 1 to 200 characters on one line', () => {
    expect(checkReason('Delivery')).toBeNull();
    expect(checkReason('   ')).toBe('Enter a reason.');
    expect(checkReason('x'.repeat(201))).toBe('Reason must be at most 200 characters.');
    expect(checkReason('two\nlines')).toBe('Reason must be on one line, without special characters.');
  });
});

describe('names, slugs and tags', () => {
  it('slugify makes a catalog web name, transliterating Cyrillic', () => {
    expect(slugify('Green Tea 100 g')).toBe('green-tea-100-g');
    expect(slugify('  Café — crème brûlée! ')).toBe('cafe-creme-brulee');
    expect(slugify('Зелёный чай')).toBe('zelenyi-chai');
    expect(slugify('Қазақша ән')).toBe('qazaqsha-an');
    expect(slugify('!!!')).toBe('');
    expect(slugify('a'.repeat(70) + ' b', 60)).toBe('a'.repeat(60));
  });

  it('checkSlug mirrors the server rule', () => {
    expect(checkSlug('green-tea', 100)).toBeNull();
    expect(checkSlug('', 100)).toMatch(/Enter a web name/);
    expect(checkSlug('Green', 100)).toBe('The web name may use only a-z, 0-9 and -.');
    expect(checkSlug('a'.repeat(61), 60)).toBe('The web name must be at most 60 characters.');
  });

  it('parseTags trims, lower-cases and drops repeats; checkTags limits them', () => {
    expect(parseTags(' Hot, green tea ,, hot ')).toEqual(['hot', 'green tea']);
    expect(parseTags('')).toEqual([]);
    expect(checkTags(['a', 'b'])).toBeNull();
    expect(checkTags(Array.from({ length: 21 }, (_, i) => `t${i}`))).toBe('At most 20 tags.');
    expect(checkTags(['x'.repeat(41)])).toMatch(/longer than 40 characters/);
  });

  it('checkLine counts characters, not bytes', () => {
    expect(checkLine('ж'.repeat(100), 'a name', 1, 100)).toBeNull();
    expect(checkLine('ж'.repeat(101), 'a name', 1, 100)).toBe('Name must be at most 100 characters.');
    expect(checkLine('', 'the shop’s name', 1, 100)).toBe('Enter the shop’s name.');
  });

  it('checkImageUrl accepts nothing or an http(s) address', () => {
    expect(checkImageUrl('')).toBeNull();
    expect(checkImageUrl('https://example.com/a.png')).toBeNull();
    expect(checkImageUrl('ftp://example.com/a.png')).toMatch(/http:\/\/ or https:\/\//);
  });

  it('parseDegrees reads a dot or a comma within the limit', () => {
    expect(parseDegrees('43,2389', 'latitude', 90).value).toBe(43.2389);
    expect(parseDegrees('-76.9', 'longitude', 180).value).toBe(-76.9);
    expect(parseDegrees('91', 'latitude', 90).error).toBe('The latitude must be between -90 and 90.');
    expect(parseDegrees('north', 'latitude', 90).error).toBe('The latitude must be a number, e.g. 43.2389.');
  });
});
