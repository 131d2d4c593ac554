/**
 * The gate's second half: once every platform passed, write the user's tags so
 * that each points at exactly the tested content, and prove it by reading each
 * tag back. Nothing here runs when a platform failed.
 */
import { log } from '../runner/log';
import { exec, tail, type ExecResult } from '../docker/exec';
import { imageIdArgs, imageRemoveArgs, pushArgs, tagArgs } from '../docker/images';
import { configDigestOf, digestOf, imagetoolsCreateArgs, registriesOf } from '../docker/imagetools';
import { phaseOf, registryCall, type RegistryPhase } from '../docker/registry-phase';
import { parseImageRef, repository } from '../oci/reference';
import { errorMessage } from '../runner/errors';
import { removed } from '../runner/state';
import type { Gate } from './plan/index';
import { withTagLocks } from './tag-lock';
import { RegistryClient } from '../docker/registry/client';
import { behindProxy, resolveRepository } from '../docker/registry/endpoint';
import { readDigest } from '../docker/registry/read-image';
import type { Prepush } from './prepush';
import { putTags, readTagsBack, splitByRepository, tagsMovedError } from './put-tags';

type Prepushed = Extract<Prepush, { ok: true }>;

// How long a run waits for another run's hold on the same tag (tag-lock.ts).
const LOCK_TIMEOUT_MS = 5 * 60_000;
const LOCAL_TIMEOUT_MS = 60_000;

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

/**
 * Each registry phase of publishing, with the bound it gets: every one that
 * talks to a registry gets registry-timeout, as a whole. Pure.
 */
export const publishPhases = {
  push: (tag: string, timeoutMs: number): RegistryPhase =>
    phaseOf(`pushing ${tag}`, tag, timeoutMs),
  /** The read-backs' phase (imagetools.ts makes the RegistryPhase of a read). */
  readBack: (tag: string): string => `reading back ${tag}`,
  writeTags: (tags: string[], timeoutMs: number): RegistryPhase => ({
    registry: registriesOf(tags),
    phase: `writing the tags ${tags.join(', ')}`,
    timeoutMs,
  }),
};

/** Fails, naming the tag, unless every tag now points at `digest`. */
async function verifyTags(tags: string[], digest: string, timeoutMs: number): Promise<void> {
  const found = await Promise.all(
    tags.map(async (t) => [t, await readDigest(t, timeoutMs, publishPhases.readBack(t))] as const),
  );
  const wrong = found.filter(([, d]) => d !== digest);
  if (wrong.length > 0) throw tagsMovedError(wrong, digest);
}

/**
 * Writes the tags. `tested` is the tested index (`repo@digest`) for a
 * registry gate, or the fanout parts. Returns the digest every tag points at.
 * Every registry phase gets `registryTimeoutMs` (registry-timeout).
 */
export async function promote(
  gate: Gate,
  tested: { digest?: string; sources: string[] },
  registryTimeoutMs: number,
  /** Work on the pushed tested digest, run while the tags are read back (engine gate). */
  whilePushed?: (digest: string) => Promise<void>,
  /** Engine gate: the candidate, already pushed by digest while the tests ran. */
  prepushed?: Prepushed,
): Promise<string> {
  const run = (argv: string[]) => exec(argv, { timeoutMs: LOCAL_TIMEOUT_MS });
  // Every way writes the tags, then reads them back: another run on this
  // machine writing the same tag in between would make this one fail, or
  // report the other's digest. So the tags are written under their locks:
  // the engine gate's per engine (it names the candidate in the engine too),
  // the others' per registry tag. Runs on other machines are out of reach;
  // the read-back still tells of them.
  const scope =
    gate.kind === 'engine'
      ? (process.env.DOCKER_HOST ?? process.env.DOCKER_CONTEXT ?? 'default')
      : 'registry';
  return withTagLocks(scope, gate.tags, LOCK_TIMEOUT_MS, async () => {
    if (gate.kind !== 'engine') return promoteInRegistry(gate, tested, registryTimeoutMs);
    if (prepushed) {
      const written = await promotePrepushed(gate, prepushed, registryTimeoutMs);
      if (written) return written;
    }
    return promoteLocal(gate, tested.digest as string, registryTimeoutMs, run, whilePushed);
  });
}

/** The registry and fanout gates: the tested content is in a registry, by digest. */
async function promoteInRegistry(
  gate: Exclude<Gate, { kind: 'engine' }>,
  tested: { digest?: string; sources: string[] },
  registryTimeoutMs: number,
): Promise<string> {
  // The registry holds the tested index by digest: its own tags take a PUT each.
  let rest = gate.tags;
  const source = tested.sources[0];
  if (gate.kind === 'registry' && tested.digest && source)
    rest = await putInPlace(source, tested.digest, gate.tags, registryTimeoutMs);
  const annotations = gate.kind === 'fanout' ? gate.annotations : undefined;
  await writeByImagetools(rest, tested.sources, annotations, registryTimeoutMs);
  const first = gate.tags[0] as string;
  const digest =
    gate.kind === 'registry'
      ? (tested.digest as string)
      : await readDigest(first, registryTimeoutMs, publishPhases.readBack(first));
  if (rest.length > 0) await verifyTags(rest, digest, registryTimeoutMs);
  log.info(`${gate.tags.join(', ')} → ${digest}`);
  return digest;
}

/**
 * Points the tags at what `sources` hold with `imagetools create`, which
 * copies blobs across repositories. Writing a tag is idempotent: a registry
 * that hiccups (a 500, a reset) gets another try. One repository after the
 * other: the first call is a plain tag write, the rest copy from it.
 */
async function writeByImagetools(
  tags: string[],
  sources: string[],
  annotations: string[] | undefined,
  registryTimeoutMs: number,
): Promise<void> {
  for (const argv of tags.length > 0 ? promoteArgs(tags, sources, annotations) : []) {
    const written = argv.filter((_, i) => argv[i - 1] === '--tag');
    const res = await registryCall(argv, publishPhases.writeTags(written, registryTimeoutMs));
    if (res.exitCode !== 0)
      throw new Error(`Could not write ${written.join(', ')}: ${tail(res.output, 3)}`);
  }
}

/**
 * Writes the tags that live in the tested image's own repository through the
 * registry API, and reads them back; returns the tags left to write (other
 * repositories, or all of them when the API could not be used).
 */
async function putInPlace(
  source: string,
  digest: string,
  tags: string[],
  timeoutMs: number,
): Promise<string[]> {
  const { here, elsewhere } = splitByRepository(tags, source);
  if (here.length === 0 || behindProxy(resolveRepository(source).origin)) return tags;
  // One try: imagetools, which retries by itself, is the way on.
  const client = new RegistryClient(source, { timeoutMs, attempts: 1 });
  try {
    const manifest = await client.getManifest(digest);
    if (!manifest) throw new Error(`the registry has no ${source}`);
    await putTags(client, manifest, here);
  } catch (err) {
    log.info(`Writing ${here.join(', ')} with buildx instead: ${errorMessage(err)}`);
    return tags;
  }
  // Read back with retries: the tags are written, a hiccup now is not a reason to write them again.
  await readTagsBack(new RegistryClient(source, { timeoutMs }), here, digest);
  return elsewhere;
}

/**
 * The engine gate when the candidate was pushed by digest during the tests
 * (under the tags' locks, like promoteLocal):
 * the tags are a PUT each (other repositories get it copied), and the
 * engine's own names are written beside them, as a push would leave them.
 * Undefined when the registry API refused: the caller pushes as before.
 */
async function promotePrepushed(
  gate: Extract<Gate, { kind: 'engine' }>,
  p: Prepushed,
  registryTimeoutMs: number,
): Promise<string | undefined> {
  const { digest } = p.manifest;
  const { here, elsewhere } = splitByRepository(gate.tags, p.repository);
  const named: string[] = [];
  const naming = (async () => {
    for (const t of gate.tags) {
      await tagOnce(gate.candidate, t);
      named.push(t);
    }
  })();
  const unname = async (): Promise<void> => {
    await naming.catch(() => undefined);
    if (named.length > 0) await untag(named);
  };
  try {
    await putTags(p.client, p.manifest, here);
  } catch (err) {
    log.info(`Pushing ${gate.tags.join(', ')} instead: ${errorMessage(err)}`);
    await unname();
    return undefined;
  }
  try {
    await Promise.all([
      naming,
      readTagsBack(p.client, here, digest),
      writeByImagetools(
        elsewhere,
        [`${p.repository}@${digest}`],
        undefined,
        registryTimeoutMs,
      ).then(() =>
        elsewhere.length > 0 ? verifyTags(elsewhere, digest, registryTimeoutMs) : undefined,
      ),
    ]);
  } catch (err) {
    // Nothing stays named after a tag the registry does not hold as tested.
    await unname();
    throw err;
  }
  log.info(`${gate.tags.join(', ')} → ${digest}`);
  return digest;
}

/**
 * The engine gate: the tags are the engine's own names for the candidate,
 * pushed. Runs under the tags' locks (tag-lock.ts).
 */
async function promoteLocal(
  gate: Extract<Gate, { kind: 'engine' }>,
  digest: string,
  registryTimeoutMs: number,
  run: (argv: string[]) => Promise<ExecResult>,
  whilePushed?: (digest: string) => Promise<void>,
): Promise<string> {
  const named: string[] = [];
  try {
    for (const t of gate.tags) {
      await tagOnce(gate.candidate, t);
      named.push(t);
    }
    // One push uploads the blobs; the others then only add their manifest. A
    // push is idempotent: a registry hiccup (a 500 while another run's write of
    // the same tag settles) gets another try, like the registry gate's writes.
    for (const t of gate.tags) {
      const res = await registryCall(pushArgs(t), publishPhases.push(t, registryTimeoutMs));
      if (res.exitCode !== 0) throw new Error(`Could not push ${t}: ${tail(res.output, 3)}`);
    }
  } catch (err) {
    // Nothing stays named after a tag whose push failed: the engine's tags
    // would otherwise say that image is what the registry holds.
    if (named.length > 0) await untag(named);
    throw err;
  }
  if (!gate.classic) {
    // The tested digest is what was pushed: reading it needs no wait for the tags' check.
    await Promise.all([verifyTags(gate.tags, digest, registryTimeoutMs), whilePushed?.(digest)]);
    return digest;
  }
  // The classic store rebuilds the manifest on push: the tags must agree with
  // each other, and the pushed image be the tested one, by its config.
  const first = gate.tags[0] as string;
  const readBack = publishPhases.readBack(first);
  const pushed = await digestOf(first, registryTimeoutMs, readBack);
  await verifyTags(gate.tags, pushed, registryTimeoutMs);
  const id = (await run(imageIdArgs(gate.candidate))).stdout.trim();
  const config = await configDigestOf(first, registryTimeoutMs, readBack);
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
    const res = await exec(tagArgs(source, tag), {
      timeoutMs: LOCAL_TIMEOUT_MS,
      allowFailure: true,
    });
    if (res.exitCode === 0) return;
    if (!/already exists/i.test(res.output) || attempt === 3)
      throw new Error(
        `Could not name the tested image ${tag}: ${tail(res.output, 3)}${/already exists/i.test(res.output) ? ' Another run kept writing the same tag at the same time; run again.' : ''}`,
      );
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

/** Removes local names (the image stays under its other names); a failure only warns. Says whether they are gone. */
async function untag(names: string[]): Promise<boolean> {
  const res = await exec(imageRemoveArgs(names), {
    timeoutMs: LOCAL_TIMEOUT_MS,
    allowFailure: true,
    quiet: true,
    // A push stopped by cancellation leaves its tags too.
    whenCancelled: true,
  });
  if (res.exitCode === 0) return true;
  log.warning(`Could not remove ${names.join(', ')}: ${res.output.trim()}`);
  return false;
}

/** Removes the gated docker-driver build's local candidate; a failure only warns, and leaves it to post. */
export async function dropCandidate(candidate: string): Promise<void> {
  if (await untag([candidate])) removed({ image: candidate });
}

/**
 * The one tag a failed docker-driver run writes, so its image can be pulled by
 * digest: the same for every run (nothing piles up), named so nobody deploys it.
 */
export function untestedTag(repo: string): string {
  return `${repo}:multiarch-untested`;
}

/** Pushes the failed candidate under the untested tag and removes both local names; only warns. */
export async function pushUntested(
  candidate: string,
  untested: string,
  registryTimeoutMs: number,
): Promise<void> {
  try {
    await exec(tagArgs(candidate, untested), { timeoutMs: LOCAL_TIMEOUT_MS });
    const res = await registryCall(
      pushArgs(untested),
      publishPhases.push(untested, registryTimeoutMs),
    );
    if (res.exitCode !== 0) throw new Error(tail(res.output, 3));
  } catch (err) {
    log.warning(`Could not push the failed image for inspection: ${errorMessage(err)}`);
  } finally {
    await dropCandidate(untested);
  }
}
