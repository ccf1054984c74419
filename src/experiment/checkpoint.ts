import { readFileSync } from 'node:fs';
import { replaceOutput } from '../files.ts';

/**
 * One file, written atomically (temporary file, then rename): a little-endian u32 header length, the JSON
 * header, zero padding to a multiple of 4 bytes, then the float32 arrays named in the header, back to back.
 */
export function writeCheckpoint(path: string, header: object, arrays: Record<string, Float32Array>): void {
  const names = Object.keys(arrays);
  const json = Buffer.from(
    JSON.stringify({ ...header, arrays: names.map((name) => ({ name, length: arrays[name].length })) }),
  );
  const start = Math.ceil((4 + json.length) / 4) * 4;
  const total = start + names.reduce((s, n) => s + arrays[n].byteLength, 0);
  const buf = Buffer.alloc(total);
  buf.writeUInt32LE(json.length, 0);
  json.copy(buf, 4);
  let at = start;
  for (const n of names) {
    const a = arrays[n];
    buf.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  replaceOutput(path, buf);
}

export function readCheckpoint<H>(path: string): { header: H; arrays: Record<string, Float32Array> } {
  const buf = readFileSync(path);
  const length = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + length).toString('utf8')) as H & {
    arrays: { name: string; length: number }[];
  };
  let at = Math.ceil((4 + length) / 4) * 4;
  const arrays: Record<string, Float32Array> = {};
  for (const { name, length: n } of header.arrays) {
    arrays[name] = new Float32Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + n * 4));
    at += n * 4;
  }
  if (at !== buf.length) throw new Error(`${path} is truncated or corrupt`);
  return { header, arrays };
}
