/** Every error class the action throws on purpose is a MultiarchError of its own name and kind. */
import { expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args';
import { NodeError } from '../../src/docker/endpoint';
import { CommandError, type ExecResult } from '../../src/docker/exec';
import { PlatformError } from '../../src/oci/platform';
import { ImageReferenceError } from '../../src/oci/reference';
import { errorKind, MultiarchError } from '../../src/runner/errors';
import { InputError } from '../../src/runner/inputs';
import { UnclosedQuoteError } from '../../src/runner/list';
import { ProbeError } from '../../src/verify/probe';

it.each([
  ['InputError', new InputError('tags', 'x', 'is bad', 'Fix it.'), 'input'],
  ['UsageError', new UsageError('--tags needs a value'), 'usage'],
  ['NodeError', new NodeError('bad node'), 'input'],
  ['PlatformError', new PlatformError('bad platform'), 'invalid'],
  ['ImageReferenceError', new ImageReferenceError('A', 'upper case'), 'invalid'],
  ['ProbeError', new ProbeError('bad probe'), 'invalid'],
  ['UnclosedQuoteError', new UnclosedQuoteError(2), 'invalid'],
  ['CommandError', new CommandError('exit 1', result(false)), 'command'],
  ['CommandError', new CommandError('timed out', result(true)), 'timeout'],
] as const)('%s is one, of its own name and kind %s', (name, err, kind) => {
  expect(err).toBeInstanceOf(MultiarchError);
  expect([err.name, errorKind(err)]).toEqual([name, kind]);
});

function result(timedOut: boolean): ExecResult {
  return {
    argv: ['docker'],
    exitCode: 1,
    stdout: '',
    stderr: '',
    output: '',
    timedOut,
    durationMs: 1,
  };
}
