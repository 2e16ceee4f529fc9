import type { Redis } from 'ioredis';
import type { Logger } from '../../platform/logger.js';
import { type Durability, durabilityMode } from '../durability.js';
import { StoreUnavailableError } from '../errors.js';
import { COMMAND_TIMEOUT_MS } from './connection.js';

/** Reads how the server persists (see ../durability.ts) and returns the matching guarantee. */
export async function openRedisDurability(
  redis: Redis,
  logger: Logger,
  options: { waitTimeoutMs?: number } = {},
): Promise<Durability> {
  // Redis must answer "not yet" before the client gives up on the command: a client timeout counts as
  // Redis not answering, and three in a row would make every command fail fast for a while, webhook
  // intake included, when only the disk is slow. With appendfsync everysec a wait is under a second.
  const waitTimeoutMs = options.waitTimeoutMs ?? COMMAND_TIMEOUT_MS - 300;
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
