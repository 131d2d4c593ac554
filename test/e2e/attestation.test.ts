/**
 * Proof that travels with the image: the build and merge actions attach an
 * in-toto test-result statement to what they tested, as an OCI 1.1 artifact,
 * and the check action demands it. The suite's registry (Debian's distribution
 * 2.8) has no referrers API, so the `sha256-<hex>` referrers tag is what runs.
 * Everything is read back here with plain HTTP, not the action's own reader.
 */
import { createHash } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILDERS,
  builderSuite,
  engineAvailable,
  makeContext,
  platformsOf,
  pushImage,
  runAction,
  startRegistry,
  tagDigest,
  uniqueName,
  type Registry,
} from './harness';
import { testResultProblems } from '../../src/verify/attestation/schema';

const hasEngine = engineAvailable();
const PREDICATE = 'https://in-toto.io/attestation/test-result/v0.1';
const IN_TOTO = 'application/vnd.in-toto+json';
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}
interface Statement {
  _type: string;
  subject: { name: string; digest: { sha256: string } }[];
  predicateType: string;
  predicate: {
    result: string;
    passedTests: string[];
    warnedTests: string[];
    failedTests: string[];
    configuration: unknown[];
  };
}

/** GET a manifest by tag or digest, with plain fetch; undefined on 404. */
async function getManifest(
  host: string,
  repo: string,
  reference: string,
): Promise<Record<string, unknown> | undefined> {
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${reference}`, {
    headers: { accept: ACCEPT },
  });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET ${repo}:${reference}: ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The referrers of `digest`, as the OCI 1.1 referrers tag schema keeps them. */
async function referrersTag(host: string, repo: string, digest: string): Promise<Descriptor[]> {
  const index = await getManifest(host, repo, digest.replace(':', '-'));
  return ((index?.manifests ?? []) as Descriptor[]).filter(Boolean);
}

/** Every in-toto statement attached to `digest`, fetched blob by blob and checked against its digest. */
async function statementsOf(host: string, repo: string, digest: string): Promise<Statement[]> {
  const found: Statement[] = [];
  for (const d of await referrersTag(host, repo, digest)) {
    if (d.artifactType !== IN_TOTO) continue;
    const manifest = (await getManifest(host, repo, d.digest)) as {
      artifactType: string;
      subject: Descriptor;
      layers: Descriptor[];
      config: Descriptor;
    };
    expect(manifest.artifactType).toBe(IN_TOTO);
    expect(manifest.config.mediaType).toBe('application/vnd.oci.empty.v1+json');
    expect(manifest.subject.digest).toBe(digest);
    expect(manifest.layers).toHaveLength(1);
    const layer = manifest.layers[0] as Descriptor;
    const res = await fetch(`http://${host}/v2/${repo}/blobs/${layer.digest}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(layer.digest);
    found.push(JSON.parse(bytes.toString('utf8')) as Statement);
  }
  return found;
}

interface AttestationFiles {
  statement: Statement;
  predicate: unknown;
}

/** The files the step's outputs name, read between main and post, as a later step would. */
function filesOf(
  _state: Record<string, string>,
  outputs: Record<string, string>,
): AttestationFiles {
  const read = (name: string): unknown =>
    JSON.parse(readFileSync(outputs[name] as string, 'utf8')) as unknown;
  return {
    statement: read('test-attestation') as Statement,
    predicate: read('test-attestation-predicate'),
  };
}

const subjectDigests = (s: Statement) => s.subject.map((x) => `sha256:${x.digest.sha256}`).sort();

describe.skipIf(!hasEngine).each(BUILDERS)(
  'test-result attestations on the $label (real engine and registry)',
  { timeout: 300_000 },
  ({ container }) => {
    const suite = builderSuite(container);

    it.each(['true', 'required'])(
      'a good build attaches a PASSED statement to the index and every platform; tags stay on the tested digest (attest-tests: %s)',
      async (mode) => {
        const repo = uniqueName('attest/good');
        const tag = `${suite.registry.host}/${repo}:1`;
        const run = await suite.runAction(
          {
            context: makeContext({ copyFrom: '${TARGETARCH}' }),
            platforms: 'linux/amd64,linux/arm64',
            tags: tag,
            'attest-tests': mode,
          },
          { afterMain: filesOf },
        );
        expect(run.exitCode, run.stdout).toBe(0);
        // Required, the proof is attached before the tags are written; otherwise beside
        // them, its log shown after theirs.
        const attested = run.stdout.indexOf('::group::Attest the test result');
        const published = run.stdout.indexOf('::group::Publish the tested image');
        expect(attested).toBeGreaterThan(-1);
        expect(published).toBeGreaterThan(-1);
        expect(mode === 'required' ? attested < published : attested > published).toBe(true);
        const digest = run.outputs.digest as string;
        const platforms = platformsOf(run.outputs);
        const platformDigests = ['linux/amd64', 'linux/arm64'].map(
          (p) => platforms[p]?.digest as string,
        );

        // The statement file the step names, and its predicate alone, as a later step reads them.
        const { statement, predicate } = run.afterMain as AttestationFiles;
        expect(testResultProblems(statement)).toEqual([]);
        expect(statement._type).toBe('https://in-toto.io/Statement/v1');
        expect(statement.predicateType).toBe(PREDICATE);
        expect(statement.predicate.result).toBe('PASSED');
        expect(subjectDigests(statement)).toEqual([digest, ...platformDigests].sort());
        expect(statement.predicate.passedTests).toEqual(
          expect.arrayContaining([
            'linux/amd64/smoke',
            'linux/arm64/smoke',
            'linux/arm64/arch-scan',
          ]),
        );
        expect(statement.predicate.failedTests).toEqual([]);
        expect(predicate).toEqual(statement.predicate);

        // The tag still names exactly the tested index: attaching changed no digest.
        expect(await tagDigest(suite.registry.host, repo, '1')).toBe(digest);
        // Attached to the index, as the output says, and to each platform manifest.
        const onIndex = await referrersTag(suite.registry.host, repo, digest);
        expect(onIndex.map((d) => d.digest)).toContain(run.outputs['test-attestation-digest']);
        for (const subject of [digest, ...platformDigests]) {
          const attached = await statementsOf(suite.registry.host, repo, subject);
          expect(attached).toEqual([statement]);
        }
        expect(run.post.exitCode).toBe(0);
      },
    );

    it('a broken platform: a FAILED statement on the failed digest, and the tag is not moved', async () => {
      const repo = uniqueName('attest/broken');
      const tag = `${suite.registry.host}/${repo}:1`;
      // arm64 holds an amd64 busybox: it runs here, the ELF check fails it.
      const run = await suite.runAction(
        {
          context: makeContext({ copyFrom: 'amd64' }),
          platforms: 'linux/amd64,linux/arm64',
          tags: tag,
        },
        { afterMain: filesOf },
      );
      expect(run.exitCode).toBe(1);
      expect(run.outputs.published).toBe('false');
      expect(await tagDigest(suite.registry.host, repo, '1')).toBeUndefined();
      const arm = platformsOf(run.outputs)['linux/arm64']?.digest as string;
      expect(arm).toMatch(/^sha256:/);
      const [attached] = await statementsOf(suite.registry.host, repo, arm);
      expect(attached?.predicate.result).toBe('FAILED');
      expect(attached?.predicate.failedTests).toContain('linux/arm64/arch-scan');
      expect(attached?.predicate.passedTests).toContain('linux/amd64/smoke');
      expect(subjectDigests(attached as Statement)).toContain(arm);
      expect(attached).toEqual((run.afterMain as AttestationFiles).statement);
    });
  },
);

describe.skipIf(!hasEngine).each(BUILDERS)(
  'a registry that refuses the attestation, on the $label',
  { timeout: 300_000 },
  ({ container }) => {
    const suite = builderSuite(container);
    let refusing: RefusingRegistry;
    beforeAll(async () => {
      refusing = await refuseArtifacts(suite.registry.host);
    });
    afterAll(() => refusing?.stop());

    it('only warns, naming the registry and its answer; the good build is published', async () => {
      const repo = uniqueName('attest/refused');
      const run = await suite.runAction({
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: `${refusing.host}/${repo}:1`,
      });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs.published).toBe('true');
      expect(await tagDigest(suite.registry.host, repo, '1')).toBe(run.outputs.digest);
      expect(refusing.refused()).toBeGreaterThan(0);
      expect(run.stdout).toMatch(
        new RegExp(
          `::warning::Test attestation: .*registry ${refusing.host} refused .*HTTP 400.*MANIFEST_INVALID: no artifacts here`,
        ),
      );
      expect(run.outputs['test-attestation']).not.toBe('');
      expect(run.outputs['test-attestation-digest']).toBe('');
      expect(await referrersTag(suite.registry.host, repo, run.outputs.digest as string)).toEqual(
        [],
      );
    });

    it('attest-tests: required fails the step with that answer before any tag is written, outputs still written', async () => {
      const repo = uniqueName('attest/required');
      const run = await suite.runAction({
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: `${refusing.host}/${repo}:1`,
        'attest-tests': 'required',
      });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(
        /::error::attest-tests is required, but the test result could not be attached/,
      );
      expect(run.stdout).toContain('MANIFEST_INVALID: no artifacts here');
      expect(run.outputs.digest).toMatch(/^sha256:/);
      // The proof is attached first: refused, no tag points at the image.
      expect(run.outputs.published).toBe('false');
      expect(await tagDigest(suite.registry.host, repo, '1')).toBeUndefined();
      expect(run.stdout).not.toContain('::group::Publish the tested image');
      expect(run.outputs['test-attestation']).not.toBe('');
      expect(run.post.exitCode).toBe(0);
    });
  },
);

describe.skipIf(!hasEngine)(
  'test-result attestations: merge, a second run, and the check that demands them',
  { timeout: 300_000 },
  () => {
    let registry: Registry;
    beforeAll(async () => {
      registry = await startRegistry();
    });
    afterAll(() => registry?.stop());

    /** Two single-platform sources, pushed straight with buildx (no attestation). */
    function sources(app: string): string[] {
      return ['linux/amd64', 'linux/arm64'].map((p) => {
        const tag = `${registry.host}/${app}-${p.replace('/', '-')}:1`;
        pushImage(tag, p, { provenance: false });
        return tag;
      });
    }

    it("a second run adds its referrer without dropping the first or someone else's", async () => {
      const app = uniqueName('attest/merge');
      const src = sources(app);
      const target = `${registry.host}/${app}:1`;
      const first = await runAction(
        { sources: src.join(','), tags: target, 'smoke-command': 'true' },
        { actionYml: 'merge/action.yml' },
      );
      expect(first.exitCode, first.stdout).toBe(0);
      const digest = first.outputs.digest as string;

      // Someone else's referrer (a signature, say) in the same referrers tag.
      const foreign = await pushForeignReferrer(registry.host, app, digest);

      const second = await runAction(
        { sources: src.join(','), tags: target, 'smoke-command': 'uname -m' },
        { actionYml: 'merge/action.yml' },
      );
      expect(second.exitCode, second.stdout).toBe(0);
      // The same sources make the same index: both runs attest one digest.
      expect(second.outputs.digest).toBe(digest);
      const listed = (await referrersTag(registry.host, app, digest)).map((d) => d.digest);
      expect(listed).toEqual(
        expect.arrayContaining([
          first.outputs['test-attestation-digest'],
          second.outputs['test-attestation-digest'],
          foreign,
        ]),
      );
      expect(first.outputs['test-attestation-digest']).not.toBe(
        second.outputs['test-attestation-digest'],
      );
      const statements = await statementsOf(registry.host, app, digest);
      expect(statements.map((s) => s.predicate.result)).toEqual(['PASSED', 'PASSED']);
    });

    it('require-tested passes on a tested image and fails on one built without the action, with the reason', async () => {
      const app = uniqueName('attest/check');
      const src = sources(app);
      const tested = `${registry.host}/${app}:1`;
      const merged = await runAction(
        { sources: src.join(','), tags: tested },
        { actionYml: 'merge/action.yml' },
      );
      expect(merged.exitCode, merged.stdout).toBe(0);
      const untested = `${registry.host}/${app}-plain:1`;
      pushImage(untested, 'linux/amd64,linux/arm64', { provenance: false });

      const pass = await runAction(
        { images: tested, 'require-tested': 'linux/arm64', smoke: 'false', 'verify-arch': 'false' },
        { actionYml: 'check/action.yml' },
      );
      expect(pass.exitCode, pass.stdout).toBe(0);
      expect(pass.outputs.ready).toBe('true');

      const fail = await runAction(
        {
          images: untested,
          'require-tested': 'linux/arm64',
          smoke: 'false',
          'verify-arch': 'false',
        },
        { actionYml: 'check/action.yml' },
      );
      expect(fail.exitCode).toBe(1);
      const report = JSON.parse(fail.outputs.report as string) as {
        rows: { cells: Record<string, { status: string; reason: string }> }[];
      };
      const cell = report.rows[0]?.cells['linux/arm64'];
      expect(cell?.status).toBe('error');
      expect(cell?.reason).toMatch(/no test-result attestation/);
      // amd64 was not asked for.
      expect(report.rows[0]?.cells['linux/amd64']?.status).toBe('ok');

      // The same demand of a Deployment that can run on arm64.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-attest-k8s-'));
      const deployment = (name: string, image: string) =>
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          `metadata: {name: ${name}}`,
          'spec:',
          '  template:',
          '    spec:',
          '      containers:',
          `        - {name: app, image: "${image}"}`,
        ].join('\n');
      writeFileSync(
        path.join(dir, 'apps.yaml'),
        `${deployment('tested', tested)}\n---\n${deployment('plain', untested)}\n`,
      );
      const k8s = await runAction(
        { 'kubernetes-manifests': `${dir}/*.yaml`, images: '', 'require-tested': 'linux/arm64' },
        { actionYml: 'check/action.yml' },
      );
      expect(k8s.exitCode).toBe(1);
      const rows = (
        JSON.parse(k8s.outputs.report as string) as {
          rows: { subject: string; cells: Record<string, { status: string; reason: string }> }[];
        }
      ).rows;
      const byName = Object.fromEntries(rows.map((r) => [r.subject.split(':')[0], r]));
      expect(byName['Deployment tested']?.cells['linux/arm64']?.status).toBe('ok');
      expect(byName['Deployment plain']?.cells['linux/arm64']?.status).toBe('error');
      expect(byName['Deployment plain']?.cells['linux/arm64']?.reason).toMatch(
        /no test-result attestation/,
      );
    });
  },
);

interface RefusingRegistry {
  host: string;
  /** How many artifact pushes it refused. */
  refused(): number;
  stop(): void;
}

/**
 * An HTTP proxy in front of the test registry that passes everything through
 * but an in-toto artifact manifest, which it refuses as a registry that takes
 * no artifacts does: 400 with the distribution error body.
 */
async function refuseArtifacts(upstream: string): Promise<RefusingRegistry> {
  let refused = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (
        req.method === 'PUT' &&
        req.url?.includes('/manifests/') &&
        body.includes('"artifactType":"application/vnd.in-toto+json"')
      ) {
        refused++;
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ errors: [{ code: 'MANIFEST_INVALID', message: 'no artifacts here' }] }),
        );
        return;
      }
      const [hostname, port] = upstream.split(':');
      const forward = request(
        { hostname, port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    refused: () => refused,
    stop: () => server.close(),
  };
}

/**
 * Puts a foreign artifact (as a signing tool would) into `digest`'s referrers
 * tag, with plain HTTP. Returns its manifest digest.
 */
async function pushForeignReferrer(host: string, repo: string, digest: string): Promise<string> {
  const base = `http://${host}/v2/${repo}`;
  const blob = async (bytes: Buffer): Promise<string> => {
    const d = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const start = await fetch(`${base}/blobs/uploads/`, { method: 'POST' });
    const location = new URL(start.headers.get('location') as string, base);
    location.searchParams.set('digest', d);
    const put = await fetch(location, { method: 'PUT', body: new Uint8Array(bytes) });
    if (!put.ok) throw new Error(`blob upload: ${put.status}`);
    return d;
  };
  const empty = Buffer.from('{}');
  const payload = Buffer.from('{"signature":"not really"}');
  const subject = await fetch(`${base}/manifests/${digest}`, {
    method: 'HEAD',
    headers: { accept: ACCEPT },
  });
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.example.signature',
      config: {
        mediaType: 'application/vnd.oci.empty.v1+json',
        digest: await blob(empty),
        size: 2,
      },
      layers: [
        {
          mediaType: 'application/vnd.example.signature',
          digest: await blob(payload),
          size: payload.length,
        },
      ],
      subject: {
        mediaType: subject.headers.get('content-type'),
        digest,
        size: Number(subject.headers.get('content-length')),
      },
    }),
  );
  const own = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  const put = await fetch(`${base}/manifests/${own}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: new Uint8Array(manifest),
  });
  if (!put.ok) throw new Error(`manifest put: ${put.status} ${await put.text()}`);
  const tag = digest.replace(':', '-');
  const current = await getManifest(host, repo, tag);
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      ...((current?.manifests ?? []) as Descriptor[]),
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: own,
        size: manifest.length,
        artifactType: 'application/vnd.example.signature',
      },
    ],
  };
  const res = await fetch(`${base}/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
    body: JSON.stringify(index),
  });
  if (!res.ok) throw new Error(`referrers tag put: ${res.status} ${await res.text()}`);
  return own;
}
