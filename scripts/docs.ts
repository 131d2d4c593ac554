/**
 * `npm run docs`: writes the files made from the specs (scripts/docs-files.ts)
 * where they differ, and names each one it wrote. Run from the repository's
 * root, as npm does.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedDocs } from './docs-files';

const root = process.cwd();
if (!existsSync(path.join(root, 'src/actions/shared/specs.ts')))
  throw new Error(`${root} is not the repository's root: run \`npm run docs\` there`);

let written = 0;
for (const { file, text } of await generatedDocs(root)) {
  const at = path.join(root, file);
  if (existsSync(at) && readFileSync(at, 'utf8') === text) continue;
  writeFileSync(at, text);
  console.log(`wrote ${file}`);
  written += 1;
}
console.log(written === 0 ? 'docs: every file is up to date' : `docs: ${written} written`);
