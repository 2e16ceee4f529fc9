import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * A TCP proxy in front of Redis that counts the commands clients send: each top-level RESP array
 * from client to server is one command the client waits an answer for, a round trip. The server's
 * own counter (INFO total_commands_processed) cannot tell them apart from the calls a Lua script
 * makes inside Redis, which cost no round trip. The proxy's parsing costs CPU, so it is used only in
 * a counting pass of its own, never while timing.
 */
export interface CountingProxy {
  readonly url: string;
  /** Commands since the last take, in all and by name (EVALSHA, GET, SET...). */
  take(): { commands: number; byName: Record<string, number> };
  close(): Promise<void>;
}

/** Counts complete top-level commands in a client's byte stream (RESP arrays of bulk strings, or inline). */
export class RespCommandCounter {
  commands = 0;
  byName: Record<string, number> = {};
  private line = '';
  private elementsLeft = 0;
  private bulkLeft = 0;
  private nameNext = false;
  private capturing = false;
  private name = '';

  feed(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.bulkLeft > 0) {
        const n = Math.min(this.bulkLeft, chunk.length - i);
        // The first element is the command's name; its trailing CRLF is not part of it.
        const content = Math.max(0, Math.min(n, this.bulkLeft - 2));
        if (this.capturing) this.name += chunk.toString('latin1', i, i + content);
        i += n;
        this.bulkLeft -= n;
        if (this.bulkLeft === 0) this.endElement();
        continue;
      }
      const newline = chunk.indexOf(10, i);
      if (newline === -1) {
        this.line += chunk.toString('latin1', i);
        return;
      }
      const line = (this.line + chunk.toString('latin1', i, newline)).replace(/\r$/, '');
      this.line = '';
      i = newline + 1;
      this.header(line);
    }
  }

  private header(line: string): void {
    if (this.elementsLeft === 0) {
      if (line.startsWith('*')) {
        this.elementsLeft = Number(line.slice(1));
        this.nameNext = true;
        this.commands += 1;
        if (this.elementsLeft <= 0) this.elementsLeft = 0;
      } else if (line.trim() !== '') {
        // An inline command (redis-cli style): the whole line is the command.
        this.commands += 1;
        this.count(line.trim().split(/\s+/)[0] ?? '');
      }
      return;
    }
    if (line.startsWith('$')) {
      this.bulkLeft = Number(line.slice(1)) + 2;
      this.capturing = this.nameNext;
      this.nameNext = false;
      this.name = '';
    } else {
      // Any other element type ends on its line.
      this.endElement();
    }
  }

  private endElement(): void {
    if (this.capturing) {
      this.count(this.name);
      this.capturing = false;
    }
    this.elementsLeft -= 1;
  }

  private count(name: string): void {
    const key = name.toUpperCase();
    this.byName[key] = (this.byName[key] ?? 0) + 1;
  }
}

export async function startCountingProxy(redisUrl: string): Promise<CountingProxy> {
  const upstream = new URL(redisUrl);
  const counter = new RespCommandCounter();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const server = createConnection({ host: upstream.hostname, port: Number(upstream.port) });
    sockets.add(client).add(server);
    const tap = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
        counter.feed(chunk);
        done(null, chunk);
      },
    });
    client.pipe(tap).pipe(server);
    server.pipe(client);
    const end = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}${upstream.pathname}`,
    take() {
      const taken = { commands: counter.commands, byName: counter.byName };
      counter.commands = 0;
      counter.byName = {};
      return taken;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
