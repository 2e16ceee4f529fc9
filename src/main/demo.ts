import { runDemo } from '../demo/run-demo.js';

/** `npm run demo`: the whole bot in this terminal (see src/demo/run-demo.ts). */
const interactive = process.stdin.isTTY === true;
await runDemo({
  input: process.stdin,
  write: (text) => process.stdout.write(text),
  writeLog: (line) => process.stderr.write(`${line}\n`),
  color: process.stdout.isTTY === true,
  ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
  ...(interactive ? { prompt: () => process.stdout.write('> ') } : {}),
});
