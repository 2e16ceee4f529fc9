import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSavedFiles } from './saved-files.js';

describe('saved files', () => {
  it('keeps each file the bot sends, a second of the same name beside the first, never outside', () => {
    const files = createSavedFiles();
    const first = files.save('orders-2026-01-05.csv', Buffer.from('one'));
    const second = files.save('orders-2026-01-05.csv', Buffer.from('two'));
    const escaped = files.save('../../etc/passwd', Buffer.from('three'));
    try {
      expect(second).toBe(first.replace(/\.csv$/, '-2.csv'));
      expect([readFileSync(first, 'utf8'), readFileSync(second, 'utf8')]).toEqual(['one', 'two']);
      expect(dirname(escaped)).toBe(dirname(first));
    } finally {
      rmSync(dirname(first), { recursive: true, force: true });
    }
  });
});
