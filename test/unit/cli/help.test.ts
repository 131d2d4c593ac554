import { expect, it } from 'vitest';
import { BUILD_ACTION, CHECK_ACTION } from '../../../src/actions/shared/specs';
import { helpText } from '../../../src/cli/help';

it('lists every input of the action as a flag, with its default and description', () => {
  const text = helpText('build');
  expect(text.split('\n')[0]).toBe(
    'usage: multiarch [build] [--FLAG VALUE | --FLAG=VALUE]... [--json]',
  );
  for (const spec of BUILD_ACTION.inputs) {
    expect(text).toContain(
      spec.boolean ? `--${spec.name}, --no-${spec.name}` : `--${spec.name} VALUE`,
    );
  }
  expect(text).toContain('  --platforms VALUE (default: linux/amd64,linux/arm64)');
  expect(text).toContain(
    '  --context VALUE (default: .)\n      Build context (a path or a Git URL).',
  );
  expect(text).toContain('Exit codes: 0 every platform passed, 1 a platform failed');
});

it('gives each subcommand its own flags, without the internal command input', () => {
  const text = helpText('check');
  expect(text).toMatch(/^usage: multiarch check /);
  for (const spec of CHECK_ACTION.inputs.filter((i) => i.name !== 'command'))
    expect(text).toContain(`--${spec.name}`);
  expect(text).not.toContain('--command');
  expect(text).not.toContain('--sources');
  expect(text).toContain('Print the report output as JSON');
});

it('wraps descriptions to 100 columns', () => {
  const described = helpText('build')
    .split('\n')
    .filter((line) => line.startsWith('      '));
  // At least a line for each input's description, and for those of --json and --help.
  expect(described.length).toBeGreaterThanOrEqual(BUILD_ACTION.inputs.length + 2);
  // Some description does not fit on one indented line, so the wrapping is put to work.
  expect(BUILD_ACTION.inputs.some((i) => 6 + i.description.length > 100)).toBe(true);
  expect(described.filter((line) => line.length > 100)).toEqual([]);
});
