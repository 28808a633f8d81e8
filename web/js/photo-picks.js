// The photos a planner picks for a stop's card in /tours: an ordered list of photo ids (the card
// shows them in this order; an empty list shows the project's newest). Pure, no DOM; unit tests
// in web/test/photo-picks.test.mjs.

/** Picks `id` (at the end) or, when picked, drops it. */
export function togglePick(picks, id, max = 12) {
  if (picks.includes(id)) return picks.filter((x) => x !== id);
  return picks.length >= max ? picks : [...picks, id];
}

/** Moves a picked `id` by `by` places (−1 earlier, +1 later), staying within the list. */
export function movePick(picks, id, by) {
  const i = picks.indexOf(id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= picks.length) return picks;
  const out = [...picks];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/**
 * The project's photos (as the API lists them, oldest first) in the order the picker shows them:
 * the picked ones in their order, then the others newest first. Picks no longer among the photos
 * (deleted) are left out.
 */
export function pickerOrder(photos, picks) {
  const byId = new Map(photos.map((p) => [p.id, p]));
  const picked = picks.filter((id) => byId.has(id)).map((id) => byId.get(id));
  const rest = photos.filter((p) => !picks.includes(p.id)).reverse();
  return [...picked, ...rest];
}
