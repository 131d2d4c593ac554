/** The registry-timeout input, the same in the build, merge and check actions. */
import { DEFAULT_REGISTRY_TIMEOUT_MS } from '../../engine/request';
import { durationMs } from '../../runner/duration';

/** registry-timeout in milliseconds: from 1 s to 1 h, 2m when empty. */
export function registryTimeoutInput(raw: string): number {
  return durationMs('registry-timeout', raw, DEFAULT_REGISTRY_TIMEOUT_MS, 1000, 3_600_000);
}
