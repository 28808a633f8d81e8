// Notes taken on the tablet at a stop: kept in localStorage (an outbox) until the server has them.
// Each note gets an id made here, so sending it twice (a lost answer, a second tab) stores it once
// on the server (POST /api/tour/{token}/notes answers 201 new, 200 known). No DOM; `storage` and
// `send` are passed in so web/test/tour-notes.test.mjs can drive it.

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

  /** Keeps a new note; returns it. */
  add(stop, text, now = new Date()) {
    const note = { id: noteId(), stop, text, takenAt: now.toISOString(), state: 'pending' };
    this.save([...this.all(), note]);
    return note;
  }

  ofStop(stop) {
    return this.all().filter((n) => n.stop === stop);
  }

  pending() {
    return this.all().filter((n) => n.state === 'pending');
  }

  /**
   * Sends every pending note, one at a time, with `send(note)` → a Response-like {status}. A note
   * is done on 200/201, refused for good on another 4xx (kept, marked, never resent), and stays
   * pending when the network fails or the server answers 5xx. Resolves to {sent, failed, pending}.
   */
  async sync(send) {
    let sent = 0;
    let failed = 0;
    for (const note of this.pending()) {
      let status;
      try {
        status = (await send({ id: note.id, stop: note.stop, text: note.text, takenAt: note.takenAt })).status;
      } catch {
        break; // offline: try again when the network returns
      }
      if (status >= 500 || status === 429) break;
      const state = status === 200 || status === 201 ? 'sent' : 'refused';
      if (state === 'sent') sent++;
      else failed++;
      this.save(this.all().map((n) => (n.id === note.id ? { ...n, state, status } : n)));
    }
    return { sent, failed, pending: this.pending().length };
  }
}
