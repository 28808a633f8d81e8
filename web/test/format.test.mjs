import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useDictionary } from '../js/i18n.js';
import { fmtYi, fmtWan, fmtArea, fmtLength, fmtPercent, ratio, M2_PER_MU } from '../js/format.js';
import { toCsv } from '../js/csv.js';

const zh = JSON.parse(readFileSync(new URL('../i18n/zh-CN.json', import.meta.url)));
const en = JSON.parse(readFileSync(new URL('../i18n/en.json', import.meta.url)));

test('headline money in 亿元 with one decimal (the 2017 programme figures)', () => {
  useDictionary('zh-CN', zh);
  assert.equal(fmtYi(8354000), '835.4 亿元');
  assert.equal(fmtYi(2040000), '204.0 亿元');
  assert.equal(fmtYi(304000), '30.4 亿元');
  assert.equal(fmtWan(12345.5), '12,345.5 万元');
  assert.equal(fmtPercent(ratio(150, 532)), '28.2%');
  assert.equal(fmtPercent(ratio(304000, 2040000)), '14.9%');
});

test('English shows the same money in CNY millions and billions', () => {
  useDictionary('en', en, zh);
  assert.equal(fmtYi(8354000), 'CNY 83.54 bn');
  assert.equal(fmtWan(12345), 'CNY 123.45 M');
});

test('areas in m² with mu alongside (1 mu = 10000/15 m²); lengths switch to km', () => {
  useDictionary('zh-CN', zh);
  assert.equal(M2_PER_MU, 10000 / 15);
  assert.equal(fmtArea(666.6667), '667 平方米（1 亩）');
  assert.equal(fmtArea(1000000), '1 平方千米（1,000,000 平方米，1,500 亩）');
  assert.equal(fmtLength(999.94), '999.9 米');
  assert.equal(fmtLength(2345.6), '2.346 千米');
  assert.equal(fmtArea(null), '—');
});

test('CSV has a BOM, quotes what needs quoting and defuses formulas', () => {
  const csv = toCsv([['名称', 'n'], ['=HYPERLINK("x")', 3], ['a,b', -1], ['+1', '-x']]);
  assert.ok(csv.startsWith('\uFEFF名称,n\r\n'));
  assert.ok(csv.includes(`"'=HYPERLINK(""x"")",3\r\n`));
  assert.ok(csv.includes('"a,b",-1\r\n'));
  assert.ok(csv.includes("'+1,'-x\r\n"));
});
