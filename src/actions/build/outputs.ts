/**
 * build-push-action's `outputs`: buildx exporters. This action makes the
 * image itself (it pushes or loads it, tests it, then writes the tags), so an
 * image output becomes the input that means the same here, and says so;
 * every other exporter (local files, tarballs) is added beside the image. Pure.
 */
import { csvRecords } from '../../runner/list';
import { InputError, listInput } from '../../runner/inputs';

export interface OutputsInput {
  /** Exporters added to the build beside the action's own image output. */
  extra: string[];
  /** An image output, as the action's inputs: push, load, or push by digest to `name`. */
  push?: true;
  load?: true;
  pushByDigest?: { name: string };
  notes: string[];
}

const refuse = (value: string, problem: string, fix: string): never => {
  throw new InputError('outputs', value, problem, fix);
};

/** An exporter's attributes, as buildx reads `--output` (CSV, keys lower-cased). */
function exporterAttributes(spec: string): Map<string, string> {
  const attrs = new Map<string, string>();
  let fields: string[] = [];
  try {
    fields = csvRecords(spec)[0] ?? [];
  } catch {
    refuse(spec, 'opens a quote that is never closed', 'Close it, like type=local,"dest=a b".');
  }
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq < 0) attrs.set(field.trim().toLowerCase(), '');
    else attrs.set(field.slice(0, eq).trim().toLowerCase(), field.slice(eq + 1).trim());
  }
  return attrs;
}

/** What one image output asks for, as this action's inputs. */
function imageOutput(value: string, attrs: Map<string, string>, out: OutputsInput): void {
  const type = attrs.get('type');
  const extras = (allowed: string[]) => [...attrs.keys()].filter((k) => !allowed.includes(k));
  if (type === 'registry' && extras(['type']).length === 0) {
    out.push = true;
    out.notes.push('outputs: type=registry is push: true here.');
    return;
  }
  if (type === 'docker' && extras(['type']).length === 0) {
    out.load = true;
    out.notes.push('outputs: type=docker is load: true here.');
    return;
  }
  const name = attrs.get('name') ?? '';
  const byDigest =
    type === 'image' &&
    attrs.get('push') === 'true' &&
    attrs.get('push-by-digest') === 'true' &&
    extras(['type', 'name', 'push', 'push-by-digest', 'name-canonical']).length === 0 &&
    ['true', undefined].includes(attrs.get('name-canonical'));
  if (byDigest && name && !name.includes(',')) {
    out.pushByDigest = { name };
    out.notes.push(
      `outputs: ${value} is push-by-digest: true with tags: ${name} here; the digest output names what was pushed.`,
    );
    return;
  }
  refuse(
    value,
    'is an image output, which this action makes itself (it pushes or loads the image, tests it, then writes the tags)',
    byDigest
      ? 'Name one repository: push-by-digest: true with tags: REPOSITORY.'
      : type === 'image' && attrs.get('push') === 'true' && name
        ? `Use tags: ${name} with push: true instead.`
        : 'Use push: true (tags), load: true, or push-by-digest: true (tags: REPOSITORY) instead.',
  );
}

export function outputsInput(raw: string): OutputsInput {
  // buildx quotes inside an exporter itself ("name=a,b"): lines are kept as written.
  const items = listInput('outputs', raw, { commas: 'keep', quotes: false });
  const out: OutputsInput = { extra: [], notes: [] };
  for (const value of items) {
    const attrs = exporterAttributes(value);
    // `-o DIR` is type=local,dest=DIR; `-o -` is a tarball on stdout.
    const shorthand = !value.includes('=') && !value.includes(',');
    const type = shorthand ? (value === '-' ? 'tar' : 'local') : attrs.get('type');
    if (value === '-' || attrs.get('dest') === '-') {
      refuse(
        value,
        "writes to the step's stdout, which is its log",
        'Give a file: type=tar,dest=image.tar.',
      );
    }
    if (value.startsWith('-')) {
      // A path shorthand that starts with "-" is a flag to buildx, not a directory.
      refuse(value, 'starts with "-"', 'Write type=local,dest=./-dir for a directory named so.');
    }
    if (type === undefined) {
      refuse(value, 'names no exporter type', 'Start with type=…, like type=local,dest=out.');
    }
    const image =
      type === 'image' ||
      type === 'registry' ||
      type === 'moby' ||
      (type === 'docker' && !attrs.has('dest'));
    if (image) imageOutput(value, attrs, out);
    else out.extra.push(value);
  }
  return out;
}
