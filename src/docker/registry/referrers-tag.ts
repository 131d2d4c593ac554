/**
 * Keeping a subject's referrers list under its referrers tag, for a registry
 * without the referrers API. A tag has no compare-and-swap, so another writer
 * (a second run attaching to the same image) may put a list it read before
 * our put over ours. Each try reads, merges and puts, then reads again after
 * a while, because such a writer's put lands about as long after ours as our
 * own read-to-put took. Writers in this process take turns per tag, so only
 * other processes can race us.
 */
import { setTimeout as delay } from 'node:timers/promises';
import {
  canonicalJson,
  OCI_INDEX,
  parseReferrersIndex,
  referrersTag,
  withReferrer,
  type Descriptor,
  type ReferrersIndex,
} from '../../oci/referrers';
import { MultiarchError } from '../../runner/errors';
import type { RegistryClient } from './client';

/**
 * The race for a tag: how many tries, the pause between them, and how long
 * our put must stay before it counts (our own read-to-put, which a writer
 * that read before our put needs too, within these bounds).
 */
const RACE = { attempts: 5, retryMs: 100, settleMinMs: 25, settleMaxMs: 2000 };

/** The update of each tag this process is making, to queue behind. */
const updating = new Map<string, Promise<unknown>>();

/** Runs `work` once every earlier update of the same tag in this process is done. */
async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = updating.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  updating.set(key, mine);
  try {
    return await mine;
  } finally {
    if (updating.get(key) === mine) updating.delete(key);
  }
}

export function addToReferrersTag(
  client: RegistryClient,
  subject: string,
  entry: Descriptor,
  signal: AbortSignal,
): Promise<void> {
  const tag = referrersTag(subject);
  return inTurn(`${client.registry}/${client.name}:${tag}`, () =>
    update(client, tag, entry, signal),
  );
}

async function update(
  client: RegistryClient,
  tag: string,
  entry: Descriptor,
  signal: AbortSignal,
): Promise<void> {
  const where = client.tagName(tag);
  const read = async (): Promise<{ held: boolean; index?: ReferrersIndex }> => {
    const current = await client.getManifest(tag, { signal });
    const index = current && parseReferrersIndex(current.json, where);
    return { held: !!index?.manifests.some((m) => m.digest === entry.digest), index };
  };
  for (let attempt = 1; attempt <= RACE.attempts; attempt++) {
    const began = Date.now();
    const before = await read();
    if (before.held) return;
    const merged = canonicalJson(withReferrer(before.index, entry));
    await client.putManifest(tag, OCI_INDEX, merged, { signal });
    // A writer that read before our put lands its own within about our read-to-put time.
    const settle = Math.min(RACE.settleMaxMs, Math.max(RACE.settleMinMs, Date.now() - began));
    await delay(settle, undefined, { signal });
    if ((await read()).held) return;
    // Apart in time, so two writers that collided do not collide again in step.
    await delay(RACE.retryMs * attempt * (0.5 + Math.random()), undefined, { signal });
  }
  throw new MultiarchError(
    'command',
    `${where} lost the entry of artifact ${entry.digest} ${RACE.attempts} times in a row: other writers keep replacing it. Attach again when they are done.`,
  );
}
