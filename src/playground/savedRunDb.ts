/**
 * The overflow of the saved-run slot: a run whose JSON is too long for localStorage (a long
 * recorded session, a large imported file) is kept in IndexedDB, which has no 5 MB limit. One
 * record; every failure (no IndexedDB, quota, a private window) is a `false` or `null`, never a throw.
 */
const DB_NAME = 've-playground';
const STORE = 'saved-run';
const KEY = 'last-run';

function openDb(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') return resolve(null);
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest,
  fallback: T,
): Promise<T> {
  const db = await openDb();
  if (!db) return fallback;
  return new Promise<T>((resolve) => {
    try {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => {
        db.close();
        resolve((mode === 'readonly' ? request.result : true) as T);
      };
      tx.onerror = tx.onabort = () => {
        db.close();
        resolve(fallback);
      };
    } catch {
      db.close();
      resolve(fallback);
    }
  });
}

/** Keeps `text` as the saved run; false when the browser refuses. */
export function putSavedRunText(text: string): Promise<boolean> {
  return withStore('readwrite', (store) => store.put(text, KEY), false);
}

/** The text kept by putSavedRunText, or null. */
export async function getSavedRunText(): Promise<string | null> {
  const value = await withStore<unknown>('readonly', (store) => store.get(KEY), null);
  return typeof value === 'string' ? value : null;
}
