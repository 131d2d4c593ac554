/**
 * The gate after the tests: every platform passed, so the tags are written
 * (promote.ts); or one failed, so every tag is left where it was and the
 * report says so. A gated docker-driver candidate never outlives main.
 */
import { aside, log } from '../runner/log';
import { resolvePlatformDigests } from '../docker/registry/read-image';
import { digestsFor, parseManifest } from '../oci/manifest';
import { parsePlatform } from '../oci/platform';
import { errorMessage } from '../runner/errors';
import type { RunReport } from '../verify/result';
import type { Gate, Plan } from './plan/index';
import type { Prepush } from './prepush';
import { dropCandidate, promote, pushUntested, untestedTag } from './promote';
import type { BuildOutcome } from './run-builds';

/** What the gate decides on: the plan and its gate, what was built, what the tests found. */
export interface GateRun {
  plan: Plan;
  gate: Gate;
  outcome: BuildOutcome;
  report: RunReport;
  /** registry-timeout: the bound of each push and read-back. */
  registryTimeoutMs: number;
  /** Engine gate: the candidate's push by digest, started when the tests were (prepush.ts). */
  prepushing?: Promise<Prepush>;
  /**
   * The test-result attestation, run once every platform passed and the
   * tested index is in the registry by digest. `required`: before any tag is
   * written, and its failure writes none; otherwise beside the tags, its log
   * shown after theirs. Not run when the index gets there only with the tags
   * (a candidate the API could not push), nor when a platform failed: the
   * caller knows by `ran`.
   */
  attest?: { run: (index: string) => Promise<void>; required: boolean; ran?: boolean };
}

export async function passGate(run: GateRun): Promise<void> {
  // docker save may still be reading the candidate: it goes once that is done.
  const drop = async (): Promise<void> => {
    await run.prepushing;
    if (run.gate.kind === 'engine') await dropCandidate(run.gate.candidate);
  };
  let attesting: (() => Promise<void>) | undefined;
  try {
    attesting = await openGate(run);
  } catch (err) {
    await drop();
    throw err;
  }
  // Both end before the step goes on, whichever fails.
  const [dropped, attested] = await Promise.allSettled([drop(), attesting?.()]);
  for (const r of [attested, dropped]) if (r.status === 'rejected') throw r.reason;
}

/** The head start, said in the log; the pushed candidate when it worked. */
async function prepushed(run: GateRun): Promise<Extract<Prepush, { ok: true }> | undefined> {
  const p = await run.prepushing;
  if (!p) return undefined;
  if (!p.ok) {
    log.info(`The candidate was not pushed while the tests ran (${p.reason}): pushing it now.`);
    return undefined;
  }
  log.info(
    `${p.repository}@${p.manifest.digest} was pushed by digest while the tests ran (${p.blobs} blobs, ${p.durationMs} ms), under no tag.`,
  );
  return p;
}

/**
 * Writes the tags when every platform passed; otherwise leaves every one of
 * them alone, and says so. Returns what shows an attestation still running
 * beside the tags (GateRun.attest).
 */
async function openGate(run: GateRun): Promise<(() => Promise<void>) | undefined> {
  const { plan, gate, outcome, report, registryTimeoutMs } = run;
  const failed = report.platforms.filter((p) => !p.ok).map((p) => p.platform);
  if (failed.length > 0) {
    report.published = false;
    report.held = { failed, tags: gate.tags };
    log.info(
      `Not published: ${failed.join(', ')} failed. ${gate.tags.join(', ')} left where they were.`,
    );
    if (gate.kind === 'engine' && plan.repository && outcome.digest) {
      // Loaded only, the failed image could not be pulled to look at it: push
      // it under one fixed tag that no user tag follows, then drop the local name.
      const repo = plan.repository;
      const untested = untestedTag(repo);
      const pushed = await prepushed(run);
      await log.group(`Push the failed image as ${untested}, for inspection`, () =>
        pushed
          ? pushed.client
              .putManifest('multiarch-untested', pushed.manifest.mediaType, pushed.manifest.bytes)
              .then(
                () => log.info(`${untested} → ${outcome.digest}`),
                (err: unknown) =>
                  log.warning(
                    `Could not tag the failed image for inspection: ${errorMessage(err)}`,
                  ),
              )
          : pushUntested(gate.candidate, untested, registryTimeoutMs),
      );
      report.image = `${repo}@${outcome.digest}`;
      const naming = pushed
        ? Promise.resolve(namePlatformsFrom(pushed.manifest, repo, report))
        : namePushedPlatforms(repo, outcome.digest, report, registryTimeoutMs);
      await naming.catch((err: unknown) =>
        log.warning(`Could not read the pushed platforms back: ${errorMessage(err)}`),
      );
    }
    return undefined;
  }
  const tested = {
    digest: outcome.digest,
    sources: outcome.parts ?? (outcome.digest ? [`${plan.repository}@${outcome.digest}`] : []),
  };
  const repo = plan.repository;
  const pushed = gate.kind === 'engine' ? await prepushed(run) : undefined;
  const inRegistry = gate.kind === 'engine' ? pushed?.manifest.digest : outcome.digest;
  const attest = inRegistry ? run.attest : undefined;
  let attesting: (() => Promise<void>) | undefined;
  if (attest && inRegistry) {
    if (pushed && repo) namePlatformsFrom(pushed.manifest, repo, report);
    attest.ran = true;
    // The statement names only tested digests, so it need not wait for the
    // tags; required, a refusal must leave them all where they were.
    if (attest.required) await attest.run(inRegistry);
    else attesting = aside(() => attest.run(inRegistry));
  }
  let digest: string;
  try {
    digest = await log.group('Publish the tested image', async () => {
      const written = await promote(
        gate,
        tested,
        registryTimeoutMs,
        gate.kind === 'engine' && repo
          ? (d) => namePushedPlatforms(repo, d, report, registryTimeoutMs)
          : undefined,
        pushed,
      );
      // The pushed index is in hand: its platforms need no read-back.
      if (pushed?.manifest.digest === written && repo)
        namePlatformsFrom(pushed.manifest, repo, report);
      return written;
    });
  } catch (err) {
    // The tags' failure is the step's; the attestation's log is still shown.
    await attesting?.().catch(() => undefined);
    throw err;
  }
  report.published = true;
  report.digest = digest;
  report.image = `${plan.repository}@${digest}`;
  return attesting;
}

/** Each platform's manifest digest and reference, from the pushed index's own bytes. */
function namePlatformsFrom(
  pushed: { digest: string; bytes: Uint8Array },
  repo: string,
  report: RunReport,
): void {
  const parsed = parseManifest(new TextDecoder().decode(pushed.bytes));
  const only = report.platforms.length === 1 ? report.platforms[0]?.platform : undefined;
  nameReport(
    report,
    repo,
    parsed.kind === 'index'
      ? digestsFor(
          parsed.manifests,
          report.platforms.map((p) => parsePlatform(p.platform)),
        )
      : // A single platform without attestations is a plain manifest.
        new Map(only ? [[only, pushed.digest]] : []),
  );
}

/** After a loaded candidate was pushed: each platform's manifest digest and reference in the registry. */
async function namePushedPlatforms(
  repo: string,
  digest: string,
  report: RunReport,
  registryTimeoutMs: number,
): Promise<void> {
  const pushed = await resolvePlatformDigests(
    repo,
    digest,
    report.platforms.map((p) => parsePlatform(p.platform)),
    registryTimeoutMs,
  );
  nameReport(report, repo, pushed);
}

function nameReport(report: RunReport, repo: string, pushed: Map<string, string>): void {
  for (const p of report.platforms) {
    p.digest = pushed.get(p.platform);
    // The same manifest that ran as the candidate, now where users pull it.
    if (p.digest) p.ref = `${repo}@${p.digest}`;
  }
}
