import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';

/**
 * Where the demo keeps files the bot sends (an admin's /export), so the person can open them: one
 * directory under the system's temp directory, made on the first file and left for them after the
 * demo exits. Synchronous: the Bot API stand-in reports a file from inside its request handler.
 */
export interface SavedFiles {
  /** Writes the file and returns its path; a name is never a path (no writing outside the directory). */
  save(filename: string, content: Buffer): string;
}

export function createSavedFiles(): SavedFiles {
  let directory: string | undefined;
  return {
    save(filename, content) {
      directory ??= mkdtempSync(join(tmpdir(), 'reload-shop-demo-'));
      const name = basename(filename) || 'document';
      // A second export of the same day keeps the first: orders-2026-12-02-2.csv.
      let path = join(directory, name);
      for (let n = 2; existsSync(path); n++) {
        const ext = extname(name);
        path = join(directory, `${name.slice(0, name.length - ext.length)}-${n}${ext}`);
      }
      writeFileSync(path, content);
      return path;
    },
  };
}
