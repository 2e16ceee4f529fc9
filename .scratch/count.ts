import { Redis } from 'ioredis';
import { startThrowawayRedis } from '../test/support/redis-server.js';
import { startIimmpactWorld } from '../test/support/bot-e2e.js';

const redisServer = await startThrowawayRedis();
const w = await startIimmpactWorld({ redisUrl: redisServer.url });
const monitor = new Redis(redisServer.url);
const counts = new Map<string, number>();
let top = 0; let inner = 0;
const mon = await monitor.monitor();
let on = false;
mon.on('monitor', (_time, args, source) => {
  if (!on) return;
  const name = String(args[0]).toLowerCase();
  if (String(source).includes('lua')) { inner++; return; }
  top++;
  const key = name === 'evalsha' ? `${name}:${String(args[1]).slice(0, 8)}:${String(args[3]).replace(/.*:/, '')}` : name === 'eval' ? `eval:${String(args[1]).replace(/\s+/g,' ').slice(0, 60)}` : `${name} ${String(args[1]).replace(/^[^:]*:[^:]*:/, '').replace(/\d+/g, 'N')}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
});
const N = 20;
// warm
{ const b = w.world.buyer(1); await b.say('/start'); await w.world.app.updatesHandled(); }
on = true;
let updates = 0;
for (let i = 0; i < N; i++) {
  const b = w.world.buyer(1000 + i);
  await b.say('/start'); updates++;
  await w.world.app.updatesHandled();
  await b.press('Prepaid'); updates++;
  await w.world.app.updatesHandled();
  await b.press('Back'); updates++;
  await w.world.app.updatesHandled();
  if (process.env.BUY) {
    await b.press('Prepaid'); updates++; await w.world.app.updatesHandled();
    await b.press('Digi Prepaid'); updates++; await w.world.app.updatesHandled(); await w.world.bot.idle(); await w.world.app.updatesHandled();
    await b.say('0123456789'); updates++; await w.world.app.updatesHandled();
    console.error(b.lastText().slice(0,80), b.buttons());
  }
}
await new Promise((r) => setTimeout(r, 300));
on = false;
console.log(`updates ${updates}, top-level ${top} (${(top / updates).toFixed(2)}/update), inner ${inner}`);
console.log([...counts].sort((a, b) => b[1] - a[1]));
await monitor.quit().catch(() => {});
await w.close();
await redisServer.stop();
