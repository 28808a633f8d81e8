import { test } from 'node:test';
import assert from 'node:assert/strict';
import { togglePick, movePick, pickerOrder } from '../js/photo-picks.js';

test('a pick is added at the end and dropped when picked again', () => {
  let picks = [];
  picks = togglePick(picks, 5);
  picks = togglePick(picks, 3);
  assert.deepEqual(picks, [5, 3]);
  assert.deepEqual(togglePick(picks, 5), [3]);
  assert.deepEqual(togglePick([1, 2], 3, 2), [1, 2], 'no more than the maximum');
});

test('a pick moves earlier or later and never out of the list', () => {
  assert.deepEqual(movePick([1, 2, 3], 3, -1), [1, 3, 2]);
  assert.deepEqual(movePick([1, 2, 3], 1, 1), [2, 1, 3]);
  assert.deepEqual(movePick([1, 2, 3], 1, -1), [1, 2, 3]);
  assert.deepEqual(movePick([1, 2, 3], 3, 1), [1, 2, 3]);
  assert.deepEqual(movePick([1, 2, 3], 9, 1), [1, 2, 3]);
});

test('the picker shows the picks in order, then the other photos newest first', () => {
  const photos = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];
  assert.deepEqual(pickerOrder(photos, [3, 1]).map((p) => p.id), [3, 1, 4, 2]);
  assert.deepEqual(pickerOrder(photos, []).map((p) => p.id), [4, 3, 2, 1]);
  assert.deepEqual(pickerOrder(photos, [9, 2]).map((p) => p.id), [2, 4, 3, 1], 'a deleted pick is left out');
});
