/**
 * The files made from src/actions/shared/specs.ts: the three action.yml files,
 * and the input and output tables of docs/reference.md, each between its
 * `<!-- inputs:build:start -->` … `<!-- inputs:build:end -->` markers (the prose
 * around them is written by hand). Laid out by Prettier with the repository's
 * settings, so `prettier --check` agrees. `npm run docs` (scripts/docs.ts)
 * writes them; test/unit/actions/shared/specs.test.ts checks them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  renderActionYml,
  renderInputsTable,
  renderOutputsTable,
} from '../src/actions/shared/render-specs';
import { ACTIONS } from '../src/actions/shared/specs';

/** The page that holds the tables. */
export const REFERENCE = 'docs/reference.md';

export interface GeneratedFile {
  /** Relative to the repository's root. */
  file: string;
  text: string;
}

async function pretty(root: string, file: string, text: string): Promise<string> {
  const config = (await resolveConfig(path.join(root, file))) ?? {};
  return format(text, { ...config, parser: file.endsWith('.md') ? 'markdown' : 'yaml' });
}

/** `text` with what stands between `<!-- KEY:start -->` and `<!-- KEY:end -->` replaced by `body`. */
function replaceSection(text: string, file: string, key: string, body: string): string {
  const start = `<!-- ${key}:start -->`;
  const end = `<!-- ${key}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} section`);
  return `${text.slice(0, from + start.length)}\n\n${body.trimEnd()}\n\n${text.slice(to)}`;
}

/** Every file made from the specs, as it should read, given the repository at `root` as it is. */
export async function generatedDocs(root: string): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const spec of ACTIONS)
    files.push({ file: spec.file, text: await pretty(root, spec.file, renderActionYml(spec)) });
  let reference = readFileSync(path.join(root, REFERENCE), 'utf8');
  for (const spec of ACTIONS) {
    const inputs = await pretty(root, REFERENCE, renderInputsTable(spec));
    const outputs = await pretty(root, REFERENCE, renderOutputsTable(spec));
    reference = replaceSection(reference, REFERENCE, `inputs:${spec.id}`, inputs);
    reference = replaceSection(reference, REFERENCE, `outputs:${spec.id}`, outputs);
  }
  files.push({ file: REFERENCE, text: reference });
  return files;
}
