import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clamdPing, clamdScan, readScanReply } from './clamd.js';

/** A stand-in for clamd: reads one z-command and its INSTREAM chunks, then answers as `reply` says. */
function fakeClamd(reply: (command: string, data: Buffer) => string | null) {
  const server = createServer((socket: Socket) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const nul = buf.indexOf(0);
      if (nul < 0) return;
      const command = buf.toString('latin1', 1, nul);
      if (command !== 'INSTREAM') {
        const r = reply(command, Buffer.alloc(0));
        if (r !== null) socket.end(`${r}\0`);
        return;
      }
      const chunks: Buffer[] = [];
      let at = nul + 1;
      while (at + 4 <= buf.length) {
        const size = buf.readUInt32BE(at);
        if (size === 0) {
          const r = reply(command, Buffer.concat(chunks));
          if (r !== null) socket.end(`${r}\0`);
          return;
        }
        if (at + 4 + size > buf.length) return;
        chunks.push(buf.subarray(at + 4, at + 4 + size));
        at += 4 + size;
      }
    });
  });
  return new Promise<{ server: Server; port: number }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    }),
  );
}

describe('clamd client (INSTREAM)', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('sends the bytes in length-prefixed chunks ended by a zero length, and reads OK and FOUND', async () => {
    const bytes = randomBytes(200_000); // several chunks
    let seen: Buffer | null = null;
    const fake = await fakeClamd((command, data) => {
      if (command === 'PING') return 'PONG';
      seen = data;
      return data.includes(Buffer.from('EICAR-LIKE')) ? 'stream: Jisr.Test.Signature FOUND' : 'stream: OK';
    });
    server = fake.server;
    const o = { host: '127.0.0.1', port: fake.port, timeoutMs: 5000 };
    expect(await clamdScan(bytes, o)).toEqual({ status: 'clean' });
    expect(seen!.equals(bytes)).toBe(true);
    expect(await clamdScan(Buffer.from('xx EICAR-LIKE xx'), o)).toEqual({
      status: 'infected',
      signature: 'Jisr.Test.Signature',
    });
    expect(await clamdPing(o)).toBe(true);
  });

  it('counts an error reply, a refused connection and a silent clamd as unavailable', async () => {
    expect(readScanReply('INSTREAM size limit exceeded. ERROR')).toEqual({
      status: 'unavailable',
      reason: 'clamd_error',
    });
    const silent = await fakeClamd(() => null);
    server = silent.server;
    const slow = await clamdScan(Buffer.from('x'), { host: '127.0.0.1', port: silent.port, timeoutMs: 200 });
    expect(slow).toEqual({ status: 'unavailable', reason: 'timeout' });
    await new Promise<void>((resolve) => silent.server.close(() => resolve()));
    server = null;
    const refused = await clamdScan(Buffer.from('x'), {
      host: '127.0.0.1',
      port: silent.port,
      timeoutMs: 2000,
    });
    expect(refused).toEqual({ status: 'unavailable', reason: 'ECONNREFUSED' });
  });
});
