import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEMMER_KEEP_SQ, STEMMER_SUFFIXES_SQ, STOPWORDS_SQ } from '#shared/summary/stopwords.ts';
import { fold, isStopword, languageOf, stemEn, stemSq, termsOf, words } from '#shared/summary/text.ts';

const DATA = path.resolve(import.meta.dirname, '../../shared/data/albanian');

describe('Albanian stopwords and stemmer rules', () => {
  it('are the lists of andrixh/index-albanian kept in shared/data/albanian', () => {
    const stopwords = readFileSync(path.join(DATA, 'stopwords_sq_ascii_andrixh.txt'), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect([...STOPWORDS_SQ].sort()).toEqual(stopwords.sort());
    expect(STOPWORDS_SQ).toHaveLength(223);
    const rules = readFileSync(path.join(DATA, 'stemmer_suffixes_andrixh.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(rules[0]?.split(' ')).toEqual(STEMMER_SUFFIXES_SQ);
    expect(rules[1]?.split(' ')).toEqual(STEMMER_KEEP_SQ);
  });

  it('match whether or not ë and ç are typed', () => {
    expect(fold('Është')).toBe('eshte');
    expect(fold('ÇDO')).toBe('cdo');
    for (const word of ['është', 'eshte', 'ËSHTË', 'për', 'per', 'të', 'çfarë', 'cfare']) {
      expect(isStopword(fold(word), 'sq'), word).toBe(true);
    }
    expect(isStopword(fold('siguria'), 'sq')).toBe(false);
  });

  it('stem like the PHP original: the first matching suffix, only if more than three letters remain', () => {
    expect(stemSq(fold('rinjtë'))).toBe('rinj');
    expect(stemSq('rinjte')).toBe('rinj');
    expect(stemSq('keshillave')).toBe('keshill');
    expect(stemSq('vendore')).toBe('vendore'); // kept whole: ends in "ore"
    expect(stemSq('duhet')).toBe('duhet'); // "et" would leave only three letters
    expect(stemEn('councils')).toBe('council');
    expect(stemEn('communities')).toBe('community');
    expect(stemEn('business')).toBe('business');
  });
});

describe('words, language and terms of a comment', () => {
  it('splits words in lower case and leaves out scripts written without spaces', () => {
    expect(words('KVSP-ja s’ka “Raporto Tani”!')).toEqual(['kvsp', 'ja', 's', 'ka', 'raporto', 'tani']);
    expect(words('uber就是叫派計程車 taxi')).toEqual(['uber', 'taxi']);
  });

  it('tells Albanian from English by the stopwords of each, Albanian on a tie', () => {
    expect(languageOf(words('Të rinjtë duhet të jenë pjesë e KVSP-së'))).toBe('sq');
    expect(languageOf(words('Te rinjte duhet te jene pjese e KVSP-se'))).toBe('sq');
    expect(languageOf(words('Young people should be heard by the council'))).toBe('en');
    expect(languageOf(words('Uber就是叫派計程車'))).toBe('other');
    expect(languageOf(words('Rinia siguria'), 'Rinia siguria')).toBe('other');
    expect(languageOf(words('Sigurië'), 'Sigurië')).toBe('sq');
  });

  it('keeps each term once per comment, without stopwords or short words', () => {
    expect(termsOf(words('Të rinjtë, rinjte dhe të rinjtë e KVSP-së'), 'sq')).toEqual([
      { stem: 'rinj', form: 'rinjtë' },
      { stem: 'kvsp', form: 'kvsp' },
    ]);
    expect(termsOf(words('The councils and the council of youth'), 'en')).toEqual([
      { stem: 'council', form: 'councils' },
      { stem: 'youth', form: 'youth' },
    ]);
  });
});
