import type { Redis } from 'ioredis';

/** Every string value stored under a prefix, read raw: plain keys, hash fields, list, set and zset items. */
export async function redisValues(redis: Redis, prefix: string): Promise<string[]> {
  const values: string[] = [];
  for (const key of await redis.keys(`${prefix}*`)) {
    const type = await redis.type(key);
    if (type === 'string') values.push((await redis.get(key)) ?? '');
    else if (type === 'hash') values.push(...Object.entries(await redis.hgetall(key)).flat());
    else if (type === 'list') values.push(...(await redis.lrange(key, 0, -1)));
    else if (type === 'set') values.push(...(await redis.smembers(key)));
    else if (type === 'zset') values.push(...(await redis.zrange(key, 0, -1)));
    else if (type === 'stream') values.push(JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  return values;
}
