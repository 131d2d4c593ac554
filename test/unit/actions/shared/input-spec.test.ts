import { describe, expect, it } from 'vitest';
import { defaultOf, inputReader } from '../../../../src/actions/shared/input-spec';
import { SMOKE_INPUTS } from '../../../../src/actions/shared/smoke-inputs';
import { BUILD_ACTION } from '../../../../src/actions/shared/specs';

describe('inputReader', () => {
  const values: Record<string, string> = { smoke: '', 'smoke-timeout': '  ', tags: ' r/a:1 ' };
  const { get, given } = inputReader(BUILD_ACTION.inputs, (name) => values[name] ?? '');

  it('reads an empty input as its declared default, and a given one as given', () => {
    expect(get('smoke')).toBe('true');
    expect(get('smoke-timeout')).toBe('60');
    expect(get('push-by-digest')).toBe('false');
    expect(get('tags')).toBe(' r/a:1 ');
    // No default declared: empty stays empty.
    expect(get('file')).toBe('');
  });

  it('tells "not given" apart from the default on request', () => {
    expect(given('push-by-digest')).toBe('');
    expect(given('smoke-timeout')).toBe('  ');
  });

  it('asks only for declared names: a typo does not compile', () => {
    // @ts-expect-error: no such input
    expect(get('push-by-digets')).toBe('');
  });
});

it('gives the declared default of an input', () => {
  expect(defaultOf(SMOKE_INPUTS, 'smoke-timeout')).toBe('60');
  expect(defaultOf(SMOKE_INPUTS, 'smoke-command')).toBe('');
});
