import type { Redis } from 'ioredis';
import type { Logger } from '../../platform/logger.js';
import { type Durability, durabilityMode } from '../durability.js';
import { StoreUnavailableError } from '../errors.js';

/** Reads how the server persists (see ../durability.ts) and returns the matching guarantee. */
export async function openRedisDurability(
  redis: Redis,
  logger: Logger,
  options: { waitTimeoutMs?: number } = {},
): Promise<Durability> {
  const waitTimeoutMs = options.waitTimeoutMs ?? 2_000;
  const info = await redis.info('server');
  const version = /^redis_version:(\S+)/m.exec(info)?.[1];
  const setting = async (name: string): Promise<string | undefined> => {
    try {
      const answer = (await redis.config('GET', name)) as string[];
      return answer[1];
    } catch {
      // CONFIG is disabled on some managed services.
      return undefined;
    }
  };
  const mode = durabilityMode({
    version,
    appendonly: await setting('appendonly'),
    appendfsync: await setting('appendfsync'),
  });
  const log = logger.child({ component: 'durability' });
  if (mode === 'not-guaranteed') {
    log.warn(
      'Redis does not guarantee that an order is on disk before its payment is sent: turn on the append-only file (appendonly yes) with appendfsync always, or use Redis 7.2 or later',
      { redisVersion: version },
    );
  } else {
    log.info('orders reach disk before their payment is sent', { mode, redisVersion: version });
  }
  return {
    mode,
    async ensureOnDisk() {
      if (mode !== 'waitaof') return;
      const [local] = (await redis.call('WAITAOF', '1', '0', String(waitTimeoutMs))) as number[];
      if ((local ?? 0) < 1)
        throw new StoreUnavailableError('Redis did not confirm the order is on disk in time');
    },
  };
}
