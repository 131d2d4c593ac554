import { describe, expect, it } from 'vitest';
import {
  inputVariable,
  specFor,
  unknownInputWarnings,
} from '../../../../src/actions/shared/unknown-inputs';
import { BUILD_ACTION, MERGE_ACTION } from '../../../../src/actions/shared/specs';

describe('unknownInputWarnings', () => {
  it('names each INPUT_* variable no input reads, and the input it probably meant', () => {
    const warnings = unknownInputWarnings(BUILD_ACTION, {
      'INPUT_BUILD-ARGS': 'A=1',
      INPUT_BUILD_ARGS: 'B=2',
      INPUT_SECRETS: 'x=y',
      INPUT_TAGZ: 'r/a:1',
      INPUT_COMMAND: '',
      PATH: '/bin',
    });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^INPUT_BUILD_ARGS is set, but action\.yml has no such input, so it is ignored\. Did you mean build-args\? Its variable is INPUT_BUILD-ARGS/,
    );
    expect(warnings[1]).toMatch(
      /^INPUT_TAGZ is set, .* The inputs are: context, file, platforms, tags/,
    );
  });

  it('reads each action by its own inputs', () => {
    expect(unknownInputWarnings(MERGE_ACTION, { INPUT_SOURCES: 'r/a:1' })).toEqual([]);
    expect(unknownInputWarnings(MERGE_ACTION, { INPUT_CONTEXT: '.' })[0]).toMatch(
      /merge\/action\.yml has no such input/,
    );
  });

  it('finds the action a command runs; the runner names inputs as core.getInput reads them', () => {
    expect(specFor('')).toBe(BUILD_ACTION);
    expect(specFor('merge')).toBe(MERGE_ACTION);
    expect(specFor('deploy')).toBeUndefined();
    expect(inputVariable('secret-envs')).toBe('INPUT_SECRET-ENVS');
  });
});
