/**
 * The gate's second half: once every platform passed, write the user's tags so
 * that each points at exactly the tested content, and prove it by reading each
 * tag back. Nothing here runs when a platform failed.
 */
import * as core from '@actions/core';
import { exec, tail, type ExecResult } from '../docker/exec';
import { imageIdArgs, imageRemoveArgs, pushArgs, tagArgs } from '../docker/images';
import { configDigestOf, digestOf, imagetoolsCreateArgs, withRetries } from '../docker/imagetools';
import { parseImageRef, repository } from '../oci/reference';
import { errorMessage } from '../runner/errors';
import type { Gate } from './plan/index';
import { withTagLocks } from './tag-lock';

const PROMOTE_TIMEOUT_MS = 5 * 60_000;

/** Tags grouped by repository, in first-seen order: one `imagetools create` per repository. */
export function byRepository(tags: string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const t of tags) {
    const repo = repository(parseImageRef(t));
    groups.set(repo, [...(groups.get(repo) ?? []), t]);
  }
  return [...groups.values()];
}

/** The argv that point every tag at `source`, one call per repository. Pure. */
export function promoteArgs(
  tags: string[],
  sources: string[],
  annotations: string[] = [],
): string[][] {
  return byRepository(tags).map((group) => imagetoolsCreateArgs(group, sources, annotations));
}

/** Fails, naming the tag, unless every tag now points at `digest`. */
async function verifyTags(tags: string[], digest: string): Promise<void> {
  const found = await Promise.all(tags.map(async (t) => [t, await digestOf(t)] as const));
  const wrong = found.filter(([, d]) => d !== digest);
  if (wrong.length > 0) {
    throw new Error(
      `After writing the tags, ${wrong.map(([t, d]) => `${t} points at ${d}`).join(', ')}, not at the tested ${digest}. Another run may have written the same tag at the same time.`,
    );
  }
}

/**
 * Writes the tags. `tested` is the tested index (`repo@digest`) for a
 * registry gate, or the fanout parts. Returns the digest every tag points at.
 */
export async function promote(
  gate: Gate,
  tested: { digest?: string; sources: string[] },
  /** Work on the pushed tested digest, run while the tags are read back (engine gate). */
  whilePushed?: (digest: string) => Promise<void>,
): Promise<string> {
  const run = (argv: string[]) => exec(argv, { timeoutMs: PROMOTE_TIMEOUT_MS });
  if (gate.kind === 'engine') {
    const engine = process.env.DOCKER_HOST ?? process.env.DOCKER_CONTEXT ?? 'default';
    return withTagLocks(engine, gate.tags, PROMOTE_TIMEOUT_MS, () =>
      promoteLocal(gate, tested.digest as string, run, whilePushed),
    );
  }
  // Writing a tag is idempotent: a registry that hiccups (a 500, a reset) gets
  // another try. One repository after the other: the first call is a plain
  // tag write, the rest copy from it.
  const annotations = gate.kind === 'fanout' ? gate.annotations : undefined;
  for (const argv of promoteArgs(gate.tags, tested.sources, annotations)) {
    const res = await withRetries(argv, undefined, PROMOTE_TIMEOUT_MS);
    if (res.exitCode !== 0 || res.timedOut)
      throw new Error(
        `Could not write ${argv.filter((_, i) => argv[i - 1] === '--tag').join(', ')}: ${res.timedOut ? `timed out after ${PROMOTE_TIMEOUT_MS / 1000} s` : tail(res.output, 3)}`,
      );
  }
  const digest =
    gate.kind === 'registry' ? (tested.digest as string) : await digestOf(gate.tags[0] as string);
  await verifyTags(gate.tags, digest);
  core.info(`${gate.tags.join(', ')} → ${digest}`);
  return digest;
}

/**
 * The engine gate: the tags are the engine's own names for the candidate,
 * pushed. Runs under the tags' locks (tag-lock.ts).
 */
async function promoteLocal(
  gate: Extract<Gate, { kind: 'engine' }>,
  digest: string,
  run: (argv: string[]) => Promise<ExecResult>,
  whilePushed?: (digest: string) => Promise<void>,
): Promise<string> {
  for (const t of gate.tags) await tagOnce(gate.candidate, t);
  // One push uploads the blobs; the others then only add their manifest. A
  // push is idempotent: a registry hiccup (a 500 while another run's write of
  // the same tag settles) gets another try, like the registry gate's writes.
  for (const t of gate.tags) {
    const res = await withRetries(pushArgs(t), undefined, PROMOTE_TIMEOUT_MS);
    if (res.exitCode !== 0 || res.timedOut)
      throw new Error(
        `Could not push ${t}: ${res.timedOut ? `timed out after ${PROMOTE_TIMEOUT_MS / 1000} s` : tail(res.output, 3)}`,
      );
  }
  if (!gate.classic) {
    // The tested digest is what was pushed: reading it needs no wait for the tags' check.
    await Promise.all([verifyTags(gate.tags, digest), whilePushed?.(digest)]);
    return digest;
  }
  // The classic store rebuilds the manifest on push: the tags must agree with
  // each other, and the pushed image be the tested one, by its config.
  const pushed = await digestOf(gate.tags[0] as string);
  await verifyTags(gate.tags, pushed);
  const id = (await run(imageIdArgs(gate.candidate))).stdout.trim();
  const config = await configDigestOf(gate.tags[0] as string);
  if (config !== id)
    throw new Error(
      `${gate.tags[0]} holds the image ${config ?? '(unreadable)'}, not the tested ${id}. Another run may have written the same tag at the same time.`,
    );
  await whilePushed?.(pushed);
  return pushed;
}

/**
 * `docker tag`, once more when the containerd store reports the name as
 * created by someone else in the same instant (a run on another engine
 * sharing this containerd, out of the lock's reach).
 */
async function tagOnce(source: string, tag: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const res = await exec(tagArgs(source, tag), { timeoutMs: 60_000, allowFailure: true });
    if (res.exitCode === 0) return;
    if (!/already exists/i.test(res.output) || attempt === 3)
      throw new Error(
        `Could not name the tested image ${tag}: ${tail(res.output, 3)}${/already exists/i.test(res.output) ? ' Another run kept writing the same tag at the same time; run again.' : ''}`,
      );
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

/** Removes the gated docker-driver build's local candidate; a failure only warns. */
export async function dropCandidate(candidate: string): Promise<void> {
  const res = await exec(imageRemoveArgs([candidate]), {
    timeoutMs: 60_000,
    allowFailure: true,
    quiet: true,
  });
  if (res.exitCode !== 0) core.warning(`Could not remove ${candidate}: ${res.output.trim()}`);
}

/**
 * The one tag a failed docker-driver run writes, so its image can be pulled by
 * digest: the same for every run (nothing piles up), named so nobody deploys it.
 */
export function untestedTag(repo: string): string {
  return `${repo}:multiarch-untested`;
}

/** Pushes the failed candidate under the untested tag and removes both local names; only warns. */
export async function pushUntested(candidate: string, untested: string): Promise<void> {
  try {
    await exec(tagArgs(candidate, untested), { timeoutMs: 60_000 });
    await exec(pushArgs(untested), { timeoutMs: PROMOTE_TIMEOUT_MS });
  } catch (err) {
    core.warning(`Could not push the failed image for inspection: ${errorMessage(err)}`);
  } finally {
    await dropCandidate(untested);
  }
}
