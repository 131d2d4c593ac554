/** The attest-tests input of the build and merge actions. */
import type { AttestTests } from '../../verify/attestation/attest';
import { oneOf } from '../../runner/inputs';

/** attest-tests, with YAML's spellings of true and false read as the booleans they are. */
export function attestTestsInput(raw: string): AttestTests {
  const v = raw.trim();
  const spelled = ['True', 'TRUE'].includes(v)
    ? 'true'
    : ['False', 'FALSE'].includes(v)
      ? 'false'
      : v;
  return oneOf('attest-tests', spelled, ['true', 'false', 'required'] as const, 'true');
}
