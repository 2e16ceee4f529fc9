import { Redis } from 'ioredis';

/**
 * The benchmark's own view of a Redis server: command counters and memory from INFO, queue depth,
 * and key sizes by kind. Its own commands are counted and taken out of the deltas it reports, so
 * watching does not add to the figures of the process being watched.
 */
export interface CommandSnapshot {
  total: number;
  byName: Record<string, number>;
}

export interface KeyKind {
  kind: string;
  keys: number;
  /** MEMORY USAGE summed over the keys (sampled when there are many, then scaled). */
  bytes: number;
  /** MEMORY USAGE of one key of the kind, with its name. */
  sample?: { key: string; bytes: number };
}

export class RedisWatch {
  private readonly redis: Redis;
  /** Commands we sent, by name: taken out of what the server reports. */
  private readonly own: Record<string, number> = {};

  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1 });
  }

  private mine(name: string, count = 1): void {
    this.own[name] = (this.own[name] ?? 0) + count;
  }

  private async info(section: string): Promise<string> {
    this.mine('INFO');
    return this.redis.info(section);
  }

  /** Commands the server processed so far (Lua scripts' inner calls included), less our own. */
  async commands(): Promise<CommandSnapshot> {
    const stats = await this.info('stats');
    const commandstats = await this.info('commandstats');
    const byName: Record<string, number> = {};
    for (const match of commandstats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
      byName[(match[1] ?? '').toUpperCase()] = Number(match[2]);
    const total = Number(/^total_commands_processed:(\d+)/m.exec(stats)?.[1] ?? 0);
    const ours = Object.values(this.own).reduce((a, b) => a + b, 0);
    for (const [name, count] of Object.entries(this.own)) byName[name] = (byName[name] ?? 0) - count;
    // Nobody else sends INFO while the load runs (ioredis only does at connect).
    delete byName.INFO;
    // A command is counted once it has run: the two INFO calls just made are not in `total` yet.
    return { total: total - ours + 2, byName };
  }

  async usedMemory(): Promise<number> {
    const memory = await this.info('memory');
    return Number(/^used_memory:(\d+)/m.exec(memory)?.[1] ?? 0);
  }

  /** An integer key's value (the update queue's depth), 0 when absent. */
  async integer(key: string): Promise<number> {
    this.mine('GET');
    return Number((await this.redis.get(key)) ?? 0);
  }

  /**
   * Keys under `prefix` grouped by the name segment after it ("session", "update", "counter" ...),
   * with their memory: every key is counted, at most `samplePerKind` of each kind are measured.
   */
  async keyKinds(prefix: string, samplePerKind = 400): Promise<KeyKind[]> {
    const kinds = new Map<string, string[]>();
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
      this.mine('SCAN');
      cursor = next;
      for (const key of keys) {
        const kind = key.slice(prefix.length).split(':')[0] ?? '';
        const list = kinds.get(kind) ?? [];
        list.push(key);
        kinds.set(kind, list);
      }
    } while (cursor !== '0');
    const result: KeyKind[] = [];
    for (const [kind, keys] of kinds) {
      const sampled = keys.slice(0, samplePerKind);
      const pipeline = this.redis.pipeline();
      for (const key of sampled) pipeline.memory('USAGE', key, 'SAMPLES', '0');
      this.mine('MEMORY', sampled.length);
      const sizes = ((await pipeline.exec()) ?? []).map(([, bytes]) => Number(bytes ?? 0));
      const sum = sizes.reduce((a, b) => a + b, 0);
      const first = sampled[0];
      result.push({
        kind,
        keys: keys.length,
        bytes: sampled.length > 0 ? (sum / sampled.length) * keys.length : 0,
        ...(first !== undefined ? { sample: { key: first, bytes: sizes[0] ?? 0 } } : {}),
      });
    }
    return result.sort((a, b) => b.bytes - a.bytes);
  }

  close(): void {
    this.redis.disconnect();
  }
}

/** `after - before`, per command name. */
export function commandDelta(before: CommandSnapshot, after: CommandSnapshot): CommandSnapshot {
  const byName: Record<string, number> = {};
  for (const [name, calls] of Object.entries(after.byName)) {
    const delta = calls - (before.byName[name] ?? 0);
    if (delta > 0) byName[name] = delta;
  }
  return { total: after.total - before.total, byName };
}
