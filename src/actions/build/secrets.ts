/**
 * The secret inputs, read as build-push-action reads them: `secrets` (ID=VALUE,
 * commas kept, a quoted value may span lines), `secret-files` (ID=PATH) and
 * `secret-envs` (ID=VARIABLE, comma or newline separated). A value never
 * appears in an error. Pure; the values are written to files later
 * (build/secrets.ts).
 */
import type { SecretSource } from '../../engine/request';
import { InputError, listInput } from '../../runner/inputs';
import type { Get as SpecGet } from '../shared/input-spec';
import type { BuildInput } from '../shared/specs';

type Get = SpecGet<BuildInput>;

/**
 * A secret's id reaches buildx inside `id=…,src=…` and names /run/secrets/ID in the build:
 * ASCII letters, digits, `_`, `.`, `-` and `/`, starting with a letter, digit or `_`.
 */
const SECRET_ID = /^\w[\w./-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const INPUTS = [
  ['secrets', 'value', 'keep'],
  ['secret-files', 'file', 'keep'],
  ['secret-envs', 'env', 'split'],
] as const;

const EXAMPLE: Record<SecretSource['kind'], string> = {
  value: 'NPM_TOKEN=${{ secrets.NPM_TOKEN }}',
  file: 'npmrc=.npmrc',
  env: 'NPM_TOKEN=NPM_TOKEN',
};

/** Every secret entry; `warnings` gets the ones left out, as build-push-action leaves them out. */
export function secretSources(get: Get, warnings: string[]): SecretSource[] {
  const sources: SecretSource[] = [];
  for (const [name, kind, commas] of INPUTS) {
    const redact = kind === 'value';
    for (const item of listInput(name, get(name), { commas }, { redact })) {
      const eq = item.indexOf('=');
      const id = eq > 0 ? item.slice(0, eq) : '';
      const value = eq > 0 ? item.slice(eq + 1) : '';
      const shown = redact ? `${id || '?'}=***` : item;
      if (!id || !SECRET_ID.test(id)) {
        throw new InputError(
          name,
          redact ? (id ? shown : '***') : item,
          'is not ID=' + { value: 'VALUE', file: 'PATH', env: 'VARIABLE' }[kind],
          `Write one entry per ${commas === 'keep' ? 'line' : 'line or comma'}, like ${EXAMPLE[kind]}; the ID is made of letters, digits, _, ., - and /, and starts with a letter, digit or _.`,
        );
      }
      if (value.trim() === '') {
        // build-push-action warns and builds on: a secret a fork's pull request cannot see is empty.
        warnings.push(
          `Input "${name}": ${JSON.stringify(shown)} has an empty value, so the secret ${id} is left out (as build-push-action does). If the build needs it, check that the secret is available to this run.`,
        );
        continue;
      }
      if (kind === 'env' && !ENV_NAME.test(value)) {
        throw new InputError(
          name,
          item,
          'does not name an environment variable',
          `Write ID=VARIABLE, like ${EXAMPLE.env}, and set the variable in the step's env.`,
        );
      }
      sources.push({ kind, id, value });
    }
  }
  return sources;
}

/** The texts to mask: each `secrets` value, and each of its lines (the runner masks line by line). */
export function secretValues(sources: SecretSource[]): string[] {
  return sources.filter((s) => s.kind === 'value').map((s) => s.value);
}
