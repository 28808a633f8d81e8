// The photos of the tablet's notes, kept in IndexedDB under the note's id until (and after) they are
// sent: photos are megabytes, too big for localStorage, and IndexedDB keeps Blobs as they are.
// A photo is scaled down on the tablet before it is kept (≤ 1600 px JPEG: a site photo stays
// legible, a 12-megapixel camera file shrinks ~10×, and the send over a weak network is short).
import { fitWithin } from './tour-notes.js';

const DB_NAME = 'projmap-tour-notes';
const STORE = 'photos';
export const MAX_EDGE = 1600;

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run(mode, work) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Keeps a note's photo (a Blob). */
export function putPhoto(id, blob) {
  return run('readwrite', (store) => store.put(blob, id));
}

/** A note's photo, or undefined. */
export function getPhoto(id) {
  return run('readonly', (store) => store.get(id));
}

async function decode(file) {
  if (window.createImageBitmap) {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      // older browsers without the options: the <img> path below
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The picked file as a JPEG Blob of at most MAX_EDGE px (never scaled up). */
export async function downscale(file, max = MAX_EDGE) {
  const image = await decode(file);
  const { width, height } = fitWithin(image.width, image.height, max);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff'; // a transparent PNG gets white, as on the server
  g.fillRect(0, 0, width, height);
  g.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', 0.85));
}
