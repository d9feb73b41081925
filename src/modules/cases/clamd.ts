import { connect } from 'node:net';

/** Where clamd listens (TCP), and how long a scan may take before clamd counts as unreachable. */
export type ClamdOptions = { host: string; port: number; timeoutMs: number };

export type ScanResult =
  | { status: 'clean' }
  | { status: 'infected'; signature: string }
  | { status: 'unavailable'; reason: string };

/** clamd reads INSTREAM data in chunks; each is sent with its length. */
const CHUNK = 64 * 1024;

/** clamd's answer to one command (the `z` form: ends with a NUL byte). */
function ask(o: ClamdOptions, command: string, body?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: o.host, port: o.port });
    const received: Buffer[] = [];
    let settled = false;
    const end = (err: Error | null, reply?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(reply!);
    };
    const timer = setTimeout(() => end(new Error('timeout')), o.timeoutMs);
    socket.on('connect', () => {
      socket.write(`z${command}\0`);
      if (!body) return;
      // INSTREAM: chunks, each after its length as 4 bytes big-endian, then a zero length
      for (let at = 0; at < body.length; at += CHUNK) {
        const chunk = body.subarray(at, at + CHUNK);
        const size = Buffer.alloc(4);
        size.writeUInt32BE(chunk.length);
        socket.write(size);
        socket.write(chunk);
      }
      socket.write(Buffer.alloc(4));
    });
    socket.on('data', (d) => {
      received.push(d);
      const all = Buffer.concat(received);
      const nul = all.indexOf(0);
      if (nul >= 0) end(null, all.toString('utf8', 0, nul));
    });
    socket.on('end', () => end(null, Buffer.concat(received).toString('utf8')));
    socket.on('error', (err) => end(err));
  });
}

/** Reads clamd's reply to INSTREAM: `stream: OK`, `stream: <signature> FOUND`, or an error. */
export function readScanReply(reply: string): ScanResult {
  const line = reply.trim();
  if (line === 'stream: OK') return { status: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found) return { status: 'infected', signature: found[1]! };
  return { status: 'unavailable', reason: line.endsWith('ERROR') ? 'clamd_error' : 'clamd_reply' };
}

/** Scans bytes with clamd (INSTREAM). Never throws: an unreachable or failing clamd is `unavailable`. */
export async function clamdScan(bytes: Buffer, o: ClamdOptions): Promise<ScanResult> {
  try {
    return readScanReply(await ask(o, 'INSTREAM', bytes));
  } catch (err) {
    return { status: 'unavailable', reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
}

/** Whether clamd answers PING with PONG. */
export async function clamdPing(o: ClamdOptions): Promise<boolean> {
  try {
    return (await ask(o, 'PING')).trim() === 'PONG';
  } catch {
    return false;
  }
}
