/**
 * A push parser for the tar streams docker writes (`docker export`, `docker
 * save`: ustar, with PAX or GNU long names). It exists for speed: the scan needs only each entry's
 * header and first bytes, so file contents are skipped where they lie in the
 * chunk, never copied, and no stream or promise is made per entry (a general
 * tar library costs about twice the export's own time on an image of
 * thousands of files). Memory is one 512-byte header plus the extended header
 * being read.
 */

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'link' | 'other';

export interface TarEntry {
  name: string;
  type: TarEntryType;
  linkname: string;
  size: number;
  /** Where the entry's data starts in the stream, in bytes. */
  offset: number;
}

export interface TarVisitor {
  /** A new entry; its data (if any) follows through `data`, then `end`. */
  entry(entry: TarEntry): void;
  /** Some of the current entry's bytes; returns false when it wants no more of them. */
  data(bytes: Uint8Array): boolean;
  /** The current entry is complete. */
  end(): void;
}

const BLOCK = 512;
/** Bigger PAX or GNU long-name records than this are not names: the input is broken. */
const MAX_EXTENDED = 1024 * 1024;

type Phase = 'header' | 'data' | 'extended' | 'padding' | 'done';

export class TarReader {
  private phase: Phase = 'header';
  private readonly block = new Uint8Array(BLOCK);
  private filled = 0;
  /** Bytes left of the current entry's data, extended header or padding. */
  private left = 0;
  private padding = 0;
  private wants = true;
  private extended?: { kind: 'pax' | 'gnu-name' | 'gnu-link'; buf: Uint8Array; at: number };
  /** Values a PAX or GNU header sets for the next entry. */
  private next: { path?: string; linkpath?: string; size?: number } = {};
  private zeroBlocks = 0;
  /** Bytes of the stream before the current chunk. */
  private consumed = 0;
  /** Where the header just read ends in the stream. */
  private afterHeader = 0;

  constructor(private readonly visitor: TarVisitor) {}

  /** True once the end-of-archive marker (two zero blocks) was read. */
  get ended(): boolean {
    return this.phase === 'done';
  }

  /** True when the input so far stops inside a header or an entry. */
  get midEntry(): boolean {
    return this.phase !== 'header' ? this.phase !== 'done' : this.filled > 0;
  }

  write(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length && this.phase !== 'done') {
      if (this.phase === 'header') {
        const take = Math.min(BLOCK - this.filled, chunk.length - at);
        this.block.set(chunk.subarray(at, at + take), this.filled);
        this.filled += take;
        at += take;
        if (this.filled === BLOCK) {
          this.filled = 0;
          this.afterHeader = this.consumed + at;
          this.header();
        }
      } else {
        const take = Math.min(this.left, chunk.length - at);
        const bytes = chunk.subarray(at, at + take);
        at += take;
        this.left -= take;
        if (this.phase === 'data' && this.wants) this.wants = this.visitor.data(bytes);
        else if (this.phase === 'extended' && this.extended) {
          this.extended.buf.set(bytes, this.extended.at);
          this.extended.at += take;
        }
        if (this.left === 0) this.finishBody();
      }
    }
    this.consumed += chunk.length;
  }

  private header(): void {
    const b = this.block;
    if (allZero(b)) {
      // Two zero blocks end the archive; one alone is tolerated, as tar does.
      if (++this.zeroBlocks === 2) this.phase = 'done';
      return;
    }
    this.zeroBlocks = 0;
    if (!checksumOk(b)) throw new Error('invalid tar header (bad checksum)');
    const flag = String.fromCharCode(b[156] ?? 0);
    const extended = flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K';
    // A PAX size overrides the next entry's own, never the extended header's.
    const size = (extended ? undefined : this.next.size) ?? readNumber(b, 124, 12);
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    this.left = size;
    if (extended) {
      if (size > MAX_EXTENDED)
        throw new Error(`invalid tar header (extended header of ${size} bytes)`);
      const kind = flag === 'L' ? 'gnu-name' : flag === 'K' ? 'gnu-link' : 'pax';
      // A global PAX header applies to no entry that matters here: read and drop it.
      this.extended = flag === 'g' ? undefined : { kind, buf: new Uint8Array(size), at: 0 };
      this.phase = 'extended';
      if (size === 0) this.finishBody();
      return;
    }
    let name = this.next.path ?? text(b, 0, 100);
    if (this.next.path === undefined && text(b, 257, 5) === 'ustar') {
      const prefix = text(b, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    const entry: TarEntry = {
      name,
      type: typeOf(flag),
      linkname: this.next.linkpath ?? text(b, 157, 100),
      size,
      offset: this.afterHeader,
    };
    this.next = {};
    this.visitor.entry(entry);
    this.wants = true;
    this.phase = 'data';
    if (size === 0) this.finishBody();
  }

  private finishBody(): void {
    if (this.phase === 'data') this.visitor.end();
    else if (this.phase === 'extended' && this.extended) this.readExtended(this.extended);
    if (this.phase !== 'padding' && this.padding > 0) {
      this.phase = 'padding';
      this.left = this.padding;
      this.padding = 0;
      return;
    }
    this.extended = undefined;
    this.phase = 'header';
  }

  private readExtended({ kind, buf }: NonNullable<TarReader['extended']>): void {
    if (kind === 'gnu-name') this.next.path = cString(buf);
    else if (kind === 'gnu-link') this.next.linkpath = cString(buf);
    else Object.assign(this.next, parsePax(buf));
  }
}

/** A plain loop: this runs for every entry of the image. */
function allZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

function typeOf(flag: string): TarEntryType {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '1':
      return 'link';
    case '2':
      return 'symlink';
    case '5':
      return 'directory';
    default:
      return 'other';
  }
}

const decoder = new TextDecoder();

function cString(buf: Uint8Array): string {
  const nul = buf.indexOf(0);
  return decoder.decode(nul < 0 ? buf : buf.subarray(0, nul));
}

function text(b: Uint8Array, at: number, len: number): string {
  return cString(b.subarray(at, at + len));
}

/** An octal field, or base-256 when its first byte has the high bit set (GNU, for large sizes). */
function readNumber(b: Uint8Array, at: number, len: number): number {
  const field = b.subarray(at, at + len);
  if ((field[0] ?? 0) & 0x80) {
    let n = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + (field[i] ?? 0);
    return n;
  }
  const digits = cString(field).trim();
  const n = digits === '' ? 0 : parseInt(digits, 8);
  if (!Number.isFinite(n) || !/^[0-7]*$/.test(digits))
    throw new Error(`invalid tar header (number field "${digits}")`);
  return n;
}

/** The header's checksum: the sum of its bytes with the checksum field read as spaces. */
function checksumOk(b: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (b[i] ?? 0);
  const digits = text(b, 148, 8).trim();
  return /^[0-7]+$/.test(digits) && parseInt(digits, 8) === sum;
}

/** PAX records ("LEN key=value\n"): the path, link target and size they override. */
function parsePax(buf: Uint8Array): { path?: string; linkpath?: string; size?: number } {
  const out: { path?: string; linkpath?: string; size?: number } = {};
  let at = 0;
  while (at < buf.length) {
    const space = buf.indexOf(0x20, at);
    if (space < 0) break;
    const len = parseInt(decoder.decode(buf.subarray(at, space)), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = decoder.decode(buf.subarray(space + 1, at + len - 1));
    at += len;
    const eq = record.indexOf('=');
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === 'path') out.path = value;
    else if (key === 'linkpath') out.linkpath = value;
    else if (key === 'size') out.size = Number(value);
  }
  return out;
}
