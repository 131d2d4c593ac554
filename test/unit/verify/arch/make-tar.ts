/** Tar archives built in memory for the tests of src/verify/arch, and the ELF files they hold. */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pack, type Header } from 'tar-stream';
import { parsePlatform } from '../../../../src/oci/platform';

/** A file of test/fixtures/elf: the first KiB of a real executable, or a whole small file. */
export const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../../fixtures/elf/${name}`, import.meta.url)));

/** busybox for amd64: static. */
export const X86 = fixture('amd64-busybox.head');
/** busybox for arm64: static. */
export const A64 = fixture('arm64-busybox.head');
/** coreutils' /bin/true for arm64: PIE, PT_INTERP /lib/ld-linux-aarch64.so.1. */
export const A64_PIE = fixture('arm64-true.head');
export const ARM64 = parsePlatform('linux/arm64');
export const AMD64 = parsePlatform('linux/amd64');

export interface Entry {
  name: string;
  type?: Header['type'];
  linkname?: string;
  body?: Buffer | string;
}

export const dir = (name: string): Entry => ({ name, type: 'directory' });
export const file = (name: string, body: Buffer | string): Entry => ({ name, body });
export const symlink = (name: string, linkname: string): Entry => ({
  name,
  type: 'symlink',
  linkname,
});
export const hardlink = (name: string, linkname: string): Entry => ({
  name,
  type: 'link',
  linkname,
});

/** A whole tar archive in memory, written by tar-stream's packer. */
export async function tarOf(entries: Entry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of p) chunks.push(chunk as Buffer);
  })();
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: e.name,
        type: e.type ?? 'file',
        mode: 0o755,
        ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
      };
      const done = (err?: Error | null): void => (err ? reject(err) : resolve());
      if (e.body !== undefined) p.entry(header, e.body, done);
      else p.entry(header, done);
    });
  }
  p.finalize();
  await collected;
  return Buffer.concat(chunks);
}

/** The archive as a stream of chunks of `size` bytes, so headers and files straddle chunks. */
export function streamOf(buf: Buffer, size = 7): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}
