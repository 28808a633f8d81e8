import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteOutbox, noteId, fitWithin } from '../js/tour-notes.js';
import { arrivedAt } from '../js/tour-tiles.js';

function memoryStorage() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)) };
}

test('note ids are unique v4-shaped ids', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => noteId()));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('a note stays pending while offline and is sent once when the network returns', async () => {
  const box = new NoteOutbox(memoryStorage(), 'k');
  const note = box.add(2, '围挡破损');
  assert.equal(box.pending().length, 1);
  const offline = await box.sync(() => Promise.reject(new TypeError('Failed to fetch')));
  assert.deepEqual(offline, { sent: 0, failed: 0, pending: 1 });
  const seen = [];
  const online = await box.sync(async (n) => { seen.push(n.id); return { status: 201 }; });
  assert.deepEqual(online, { sent: 1, failed: 0, pending: 0 });
  assert.deepEqual(seen, [note.id]);
  // nothing is sent again
  await box.sync(async () => assert.fail('sent twice'));
  assert.equal(box.ofStop(2)[0].state, 'sent');
});

test('a server error keeps notes pending; a refusal marks the note and moves on', async () => {
  const box = new NoteOutbox(memoryStorage(), 'k');
  box.add(1, 'a');
  box.add(1, 'b');
  assert.equal((await box.sync(async () => ({ status: 503 }))).pending, 2);
  const r = await box.sync(async (n) => ({ status: n.text === 'a' ? 400 : 200 }));
  assert.deepEqual(r, { sent: 1, failed: 1, pending: 0 });
  assert.deepEqual(box.all().map((n) => n.state), ['refused', 'sent']);
});

test('arrival: within the radius of a stop, the next one first, never the current one', () => {
  const stops = [
    { center: [114.0, 33.0] },
    { center: [114.01, 33.0] },
    { center: [114.0101, 33.0], geometry: { type: 'Polygon', coordinates: [[[114.0095, 32.999], [114.011, 32.999], [114.011, 33.001], [114.0095, 33.001], [114.0095, 32.999]]] } },
  ];
  assert.equal(arrivedAt(stops, 114.0, 33.0, 150, 0), null);
  assert.equal(arrivedAt(stops, 114.01, 33.0, 150, 0), 1);
  assert.equal(arrivedAt(stops, 114.01, 33.0, 150, 1), 2);
  assert.equal(arrivedAt(stops, 114.05, 33.0, 150, 0), null);
  // inside the site's box though 500 m from nothing
  assert.equal(arrivedAt(stops, 114.0108, 33.0009, 10, 0), 2);
});

test('a note with a photo: the text is sent once, a photo that failed is sent again alone', async () => {
  const box = new NoteOutbox(memoryStorage(), 'k');
  const note = box.add(1, '东侧裸土未覆盖', new Date(), { photo: true });
  assert.equal(note.photo, true);
  const texts = [];
  const photos = [];
  // the text arrives, the network drops before the photo
  let r = await box.sync(async (n) => { texts.push(n.id); return { status: 201 }; },
    async () => { throw new TypeError('Failed to fetch'); });
  assert.deepEqual(r, { sent: 0, failed: 0, pending: 1 });
  assert.equal(box.all()[0].arrived, true);
  // back online: only the photo goes
  r = await box.sync(async () => assert.fail('text sent twice'), async (n) => { photos.push(n.id); return { status: 201 }; });
  assert.deepEqual(r, { sent: 1, failed: 0, pending: 0 });
  assert.deepEqual(texts, [note.id]);
  assert.deepEqual(photos, [note.id]);
  await box.sync(async () => assert.fail('sent again'), async () => assert.fail('photo sent again'));
});

test('a refused photo marks the note, a refused text sends no photo', async () => {
  const box = new NoteOutbox(memoryStorage(), 'k');
  box.add(1, 'a', new Date(), { photo: true });
  box.add(1, 'b', new Date(), { photo: true });
  const r = await box.sync(async (n) => ({ status: n.text === 'a' ? 201 : 400 }),
    async (n) => { assert.equal(n.text, 'a'); return { status: 415 }; });
  assert.deepEqual(r, { sent: 0, failed: 2, pending: 0 });
  assert.deepEqual(box.all().map((n) => [n.state, n.part]), [['refused', 'photo'], ['refused', 'text']]);
});

test('a photo is scaled down to fit, never up', () => {
  assert.deepEqual(fitWithin(4032, 3024, 1600), { width: 1600, height: 1200 });
  assert.deepEqual(fitWithin(3024, 4032, 1600), { width: 1200, height: 1600 });
  assert.deepEqual(fitWithin(800, 600, 1600), { width: 800, height: 600 });
});
