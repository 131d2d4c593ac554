/**
 * Renders an action's spec as its action.yml and as its input and output tables
 * in docs/reference.md. Pure; `npm run docs` (scripts/docs.ts) writes the files
 * after Prettier has laid them out, and test/unit/actions/shared/specs.test.ts
 * checks them.
 */
import YAML from 'yaml';
import type { ActionSpec, InputSpec } from './specs';

/** One YAML scalar, plain when that reads back as the same string, quoted otherwise. */
function scalar(value: string): string {
  return YAML.stringify(value, { lineWidth: 0 }).trimEnd();
}

/** The action.yml the runner reads: metadata, inputs, outputs, runs. */
export function renderActionYml(spec: ActionSpec): string {
  const lines = [
    `name: ${scalar(spec.name)}`,
    `description: ${scalar(spec.description)}`,
    `author: ${scalar(spec.author)}`,
    'branding:',
    `  icon: ${scalar(spec.branding.icon)}`,
    `  color: ${scalar(spec.branding.color)}`,
    '',
    'inputs:',
  ];
  for (const input of spec.inputs) {
    lines.push(`  ${input.name}:`, `    description: ${scalar(input.description)}`);
    if (input.required) lines.push('    required: true');
    if (input.default !== undefined) lines.push(`    default: ${scalar(input.default)}`);
  }
  lines.push('', 'outputs:');
  for (const output of spec.outputs) {
    lines.push(`  ${output.name}:`, `    description: ${scalar(output.description)}`);
  }
  lines.push(
    '',
    'runs:',
    `  using: ${scalar(spec.runs.using)}`,
    `  main: ${scalar(spec.runs.main)}`,
    `  post: ${scalar(spec.runs.post)}`,
  );
  return `${lines.join('\n')}\n`;
}

/** What action.yml means to a YAML reader: for checking that the rendered file says the spec. */
export function actionYmlData(spec: ActionSpec): unknown {
  const entry = (i: InputSpec) => ({
    description: i.description,
    ...(i.required ? { required: true } : {}),
    ...(i.default !== undefined ? { default: i.default } : {}),
  });
  return {
    name: spec.name,
    description: spec.description,
    author: spec.author,
    branding: { ...spec.branding },
    inputs: Object.fromEntries(spec.inputs.map((i) => [i.name, entry(i)])),
    outputs: Object.fromEntries(spec.outputs.map((o) => [o.name, { description: o.description }])),
    runs: { ...spec.runs },
  };
}

/** Text for a Markdown table cell: no pipes, no line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** Inline code, with a fence longer than any backtick run inside. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${cell(text)}${pad}${fence}`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The input table of docs/reference.md: name, default (or "required"), description. */
export function renderInputsTable(spec: ActionSpec): string {
  return table(
    ['Input', 'Default', 'Description'],
    spec.inputs.map((i) => [
      code(i.name),
      i.required ? 'required' : i.default !== undefined ? code(i.default) : '',
      cell(i.description),
    ]),
  );
}

/** The output table of docs/reference.md: name, description. */
export function renderOutputsTable(spec: ActionSpec): string {
  return table(
    ['Output', 'Description'],
    spec.outputs.map((o) => [code(o.name), cell(o.description)]),
  );
}
