// Every text key the code and the pages use exists in both dictionaries, and the two
// dictionaries have the same keys and the same {placeholders}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const dir = new URL('../', import.meta.url);
const zh = JSON.parse(readFileSync(new URL('i18n/zh-CN.json', dir)));
const en = JSON.parse(readFileSync(new URL('i18n/en.json', dir)));

test('zh-CN and en have the same keys, value types and placeholders', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(zh).sort());
  for (const k of Object.keys(zh)) {
    assert.equal(typeof en[k], typeof zh[k], k);
    if (typeof zh[k] === 'string') {
      const ph = (s) => (s.match(/\{\w+\}/g) || []).sort();
      assert.deepEqual(ph(en[k]), ph(zh[k]), k);
    }
  }
});

test('every key used in the code and the pages is in the dictionaries', () => {
  const used = new Set();
  const patterns = [];
  for (const f of readdirSync(new URL('js/', dir))) {
    const src = readFileSync(new URL(`js/${f}`, dir), 'utf8');
    for (const m of src.matchAll(/(?<![.\w])(?:t|has|num)\(\s*(['`])([^'`]+)\1/g)) {
      if (m[2].includes('${')) patterns.push(new RegExp(`^${m[2].replace(/\./g, '\\.').replace(/\$\{[^}]+\}/g, '[\\w]+')}$`));
      else used.add(m[2]);
    }
  }
  for (const f of ['index.html', 'dashboard.html', 'tour.html', 'tours.html', 'admin.html']) {
    const src = readFileSync(new URL(f, dir), 'utf8');
    for (const m of src.matchAll(/data-i18n(?:-aria|-title|-placeholder)?="([^"]+)"/g)) used.add(m[1]);
  }
  const missing = [...used].filter((k) => !(k in zh));
  assert.deepEqual(missing, []);
  for (const re of patterns) assert.ok(Object.keys(zh).some((k) => re.test(k)), `no key matches ${re}`);
  // The code lists of projmap.projects are all translated.
  for (const c of ['roads', 'water_system', 'parks', 'sanitation', 'pipelines', 'sponge_city', 'renewal', 'public_services', 'streetscape', 'transport_hubs', 'heritage']) {
    assert.ok(`category.${c}` in zh, c);
  }
});
