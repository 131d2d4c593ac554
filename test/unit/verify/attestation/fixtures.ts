/** Platform results and settings as a run makes them, for the attestation tests. */
import type { ArchReport, PlatformResult } from '../../../../src/verify/result';
import type { TestSettings } from '../../../../src/verify/attestation/statement';

export const REPO = '127.0.0.1:5000/team/app';
export const INDEX = `sha256:${'a'.repeat(64)}`;
export const AMD64 = `sha256:${'b'.repeat(64)}`;
export const ARM64 = `sha256:${'c'.repeat(64)}`;

/** The hex of a digest, as a subject's digest set holds it. */
export function hex(digest: string): string {
  return digest.slice('sha256:'.length);
}

export const CLEAN_SCAN: ArchReport = {
  checked: true,
  elfFiles: 12,
  foreign: [],
  foreignCount: 0,
  loaderProblemCount: 0,
  durationMs: 40,
};

export function passed(
  platform: string,
  digest: string,
  over: Partial<PlatformResult> = {},
): PlatformResult {
  return {
    platform,
    digest,
    ref: `${REPO}@${digest}`,
    emulated: false,
    node: 'local',
    smoke: 'passed',
    exitCode: 0,
    durationMs: 900,
    output: 'ok\n',
    arch: CLEAN_SCAN,
    ok: true,
    errors: [],
    hints: [],
    ...over,
  };
}

export const SETTINGS: TestSettings = {
  smoke: true,
  smokeCommand: ['sh', '-c', 'uname -m'],
  smokeTimeoutSeconds: 60,
  verifyArch: true,
  smokeEnv: [],
};

export const RUN_ENV = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'team/app',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '2',
};
