/**
 * The proof travels with the image: the tests' result is written as an
 * in-toto statement, then attached as an OCI 1.1 artifact to every digest it
 * names, in every repository they live in. Attaching never changes a digest:
 * the artifact points at the image, the image does not point at it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RegistryClient } from '../../docker/registry/client';
import { attachArtifact } from '../../docker/registry/attach';
import { IN_TOTO_ARTIFACT } from '../../oci/referrers';
import { errorMessage } from '../../runner/errors';
import { log } from '../../runner/log';
import type { AttestationReport, PlatformResult } from '../result';
import {
  predicateOnly,
  statementBytes,
  testResultStatement,
  TEST_RESULT_PREDICATE,
  type TestSettings,
} from './statement';
import type { AttestTarget } from './targets';

/** attest-tests: attach and only warn when refused, attach and fail when refused, or only write the file. */
export type AttestTests = 'true' | 'false' | 'required';

export interface AttestRequest {
  mode: AttestTests;
  /** Where the statement and predicate files are written (the run's temp dir). */
  dir: string;
  /** The repository that names the index in the statement. */
  repository: string;
  indexDigest?: string;
  platforms: readonly PlatformResult[];
  settings: TestSettings;
  /** Every digest to attach to, in each repository that holds it; the index's first. */
  targets: AttestTarget[];
  /** registry-timeout: the bound of the whole attaching. */
  timeoutMs: number;
}

const STATEMENT_FILE = 'test-result.intoto.json';
const PREDICATE_FILE = 'test-result.predicate.json';

/**
 * Opens the connections attaching will use, while the tags are still being
 * written: the first request to a registry pays for its connection.
 */
export function warmAttestation(mode: AttestTests, repositories: string[]): void {
  if (mode === 'false') return;
  for (const r of new Set(repositories)) new RegistryClient(r).warm();
}

/**
 * Writes the statement and its predicate, then attaches the statement to
 * every target side by side. A registry that refuses is named in `warning`;
 * it is the caller's to fail on (attest-tests: required). Undefined when
 * nothing was pushed: a statement needs a digest to be about.
 */
export async function attestTests(req: AttestRequest): Promise<AttestationReport | undefined> {
  if (req.targets.length === 0) return undefined;
  const statement = testResultStatement({
    repository: req.repository,
    indexDigest: req.indexDigest,
    platforms: req.platforms,
    settings: req.settings,
    env: process.env,
  });
  const bytes = statementBytes(statement);
  await mkdir(req.dir, { recursive: true });
  const file = path.join(req.dir, STATEMENT_FILE);
  const predicate = path.join(req.dir, PREDICATE_FILE);
  await Promise.all([
    writeFile(file, bytes),
    writeFile(predicate, `${JSON.stringify(predicateOnly(statement), null, 2)}\n`),
  ]);
  const report: AttestationReport = {
    statement: file,
    predicate,
    result: statement.predicate.result,
    attached: [],
  };
  if (req.mode === 'false') return report;

  const clients = new Map<string, RegistryClient>();
  const clientOf = (repository: string): RegistryClient => {
    let c = clients.get(repository);
    if (!c) {
      c = new RegistryClient(repository, { timeoutMs: req.timeoutMs });
      clients.set(repository, c);
    }
    return c;
  };
  const settled = await Promise.allSettled(
    req.targets.map((t) =>
      attachArtifact(clientOf(t.repository), {
        subject: t.digest,
        artifactType: IN_TOTO_ARTIFACT,
        layerBytes: bytes,
        layerMediaType: IN_TOTO_ARTIFACT,
        annotations: {
          'in-toto.io/predicate-type': TEST_RESULT_PREDICATE,
          'dev.multiarch.test-result': statement.predicate.result,
        },
        timeoutMs: req.timeoutMs,
      }),
    ),
  );
  const refused: string[] = [];
  settled.forEach((s, i) => {
    const t = req.targets[i] as AttestTarget;
    if (s.status === 'fulfilled') {
      report.attached.push(`${t.repository}@${t.digest}`);
      if (i === 0) report.digest = s.value.digest;
      log.info(
        `Attached the ${statement.predicate.result} test result to ${t.repository}@${t.digest} as ${s.value.digest} (${s.value.via === 'api' ? "the registry's referrers API" : 'the referrers tag'})`,
      );
    } else refused.push(errorMessage(s.reason));
  });
  if (refused.length > 0) {
    report.warning = `the test result could not be attached to ${refused.length} of ${req.targets.length} digests: ${[...new Set(refused)].join('; ')}`;
  }
  return report;
}

/**
 * What a refusal to attach means: a warning under attest-tests: true, a
 * failure under required. Called once the report holds the attestation, so
 * its outputs are written either way.
 */
export function settleRefusal(mode: AttestTests, report: AttestationReport | undefined): void {
  if (!report?.warning) return;
  if (mode === 'required')
    throw new Error(
      `attest-tests is required, but ${report.warning}. Fix: let the login push to that repository, or use a registry that takes OCI artifacts (attest-tests: true only warns).`,
    );
  log.warning(`Test attestation: ${report.warning}`);
}
