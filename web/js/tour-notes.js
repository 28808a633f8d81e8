// Notes taken on the tablet at a stop: kept in localStorage (an outbox) until the server has them.
// Each note gets an id made here, so sending it twice (a lost answer, a second tab) stores it once
// on the server (POST /api/tour/{token}/notes answers 201 new, 200 known). A note may carry one
// photo, kept in IndexedDB (tour-note-photos.js: photos are too big for localStorage) and sent
// after its note (PUT …/notes/{id}/photo, also 201 new / 200 known), so a photo that failed to
// arrive is sent again without sending the note twice. No DOM; `storage`, `send` and `sendPhoto`
// are passed in so web/test/tour-notes.test.mjs can drive it.

/** A random id (RFC 4122 v4 shape) from crypto.getRandomValues, which also works without HTTPS. */
export function noteId(cryptoObj = globalThis.crypto) {
  const b = new Uint8Array(16);
  cryptoObj.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class NoteOutbox {
  constructor(storage, key) {
    this.storage = storage;
    this.key = key;
  }

  all() {
    try {
      return JSON.parse(this.storage.getItem(this.key) || '[]');
    } catch {
      return [];
    }
  }

  save(list) {
    this.storage.setItem(this.key, JSON.stringify(list));
  }

  /** Keeps a new note (`photo`: a photo under its id waits in the photo store); returns it. */
  add(stop, text, now = new Date(), { id = noteId(), photo = false } = {}) {
    const note = { id, stop, text, takenAt: now.toISOString(), state: 'pending', photo };
    this.save([...this.all(), note]);
    return note;
  }

  update(id, change) {
    this.save(this.all().map((n) => (n.id === id ? { ...n, ...change } : n)));
  }

  ofStop(stop) {
    return this.all().filter((n) => n.stop === stop);
  }

  pending() {
    return this.all().filter((n) => n.state === 'pending');
  }

  /**
   * Sends every pending note, one at a time, with `send(note)` → a Response-like {status}, then
   * its photo with `sendPhoto(note)`. A note is done when both are answered 200/201, refused for
   * good on another 4xx (kept, marked, never resent; `part` says whether the text or the photo was
   * refused), and stays pending when the network fails or the server answers 5xx — a note whose
   * text arrived (`arrived`) then only sends its photo. Resolves to {sent, failed, pending}.
   */
  async sync(send, sendPhoto = async () => ({ status: 404 })) {
    let sent = 0;
    let failed = 0;
    const ok = (status) => status === 200 || status === 201;
    for (const note of this.pending()) {
      let status;
      let part = 'text';
      try {
        if (!note.arrived) {
          status = (await send({ id: note.id, stop: note.stop, text: note.text, takenAt: note.takenAt })).status;
          if (ok(status)) this.update(note.id, { arrived: true });
        }
        if (note.photo && (note.arrived || ok(status))) {
          part = 'photo';
          status = (await sendPhoto(note)).status;
        }
      } catch {
        break; // offline: try again when the network returns
      }
      if (status >= 500 || status === 429) break;
      const state = ok(status) ? 'sent' : 'refused';
      if (state === 'sent') sent++;
      else failed++;
      this.update(note.id, state === 'sent' ? { state, status } : { state, status, part });
    }
    return { sent, failed, pending: this.pending().length };
  }
}

/** The size of an image of `width` × `height` scaled down (never up) to at most `max` px on its longer edge. */
export function fitWithin(width, height, max) {
  const f = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * f)), height: Math.max(1, Math.round(height * f)) };
}
