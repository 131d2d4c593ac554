/**
 * The check sub-action end to end (check/action.yml over the shared bundle):
 * images, Kubernetes workloads and a Dockerfile against a registry on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  busybox,
  docker,
  engineAvailable,
  pushImage,
  ROOT,
  runAction,
  startRegistry,
  uniqueName,
  type Registry,
} from './harness';

const hasEngine = engineAvailable();
const CHECK = { actionYml: 'check/action.yml' };

interface Report {
  ready: boolean;
  rows: {
    kind: string;
    subject: string;
    file?: string;
    line?: number;
    cells: Record<string, { status: string; reason: string }>;
    pulls?: Record<string, { image: string; platform: string }>;
  }[];
  findings: { level: string; message: string; file?: string; line?: number }[];
}
const reportOf = (outputs: Record<string, string>) => JSON.parse(outputs.report ?? '{}') as Report;

describe.skipIf(!hasEngine)(
  'check sub-action (real engine and registry)',
  { timeout: 300_000 },
  () => {
    let registry: Registry;
    let amd64Only: string;
    let wrongArch: string;
    let good: string;
    beforeAll(async () => {
      registry = await startRegistry();
      const base = `${registry.host}/${uniqueName('check')}`;
      amd64Only = `${base}/amd64only:1`;
      wrongArch = `${base}/wrongarch:1`;
      good = `${base}/good:1`;
      pushImage(amd64Only, 'linux/amd64');
      // Every platform gets the amd64 busybox: the arm64 entry is a lie.
      pushImage(wrongArch, 'linux/amd64,linux/arm64', { copyFrom: 'amd64' });
      pushImage(good, 'linux/amd64,linux/arm64');
    });
    afterAll(() => registry?.stop());

    it('says an amd64-only image is not ready for arm64: no linux/arm64 in the index', async () => {
      const run = await runAction({ images: amd64Only }, CHECK);
      expect(run.exitCode).toBe(1);
      expect(run.outputs.ready).toBe('false');
      const row = reportOf(run.outputs).rows[0];
      expect(row?.cells['linux/amd64']?.status).toBe('ok');
      expect(row?.cells['linux/arm64']).toEqual({
        status: 'error',
        reason: 'no linux/arm64 in the index (it lists linux/amd64)',
      });
      expect(run.summary).toContain('### ARM readiness: ❌ not ready');
      expect(run.summary).toContain('❌ no linux/arm64 in the index');
    });

    it('says an index whose arm64 entry holds an amd64 binary is not ready: exec format error', async () => {
      const run = await runAction({ images: wrongArch }, CHECK);
      expect(run.exitCode).toBe(1);
      expect(run.outputs.ready).toBe('false');
      const row = reportOf(run.outputs).rows[0];
      expect(row?.cells['linux/amd64']?.status).toBe('ok');
      expect(row?.cells['linux/arm64']?.status).toBe('error');
      expect(row?.cells['linux/arm64']?.reason).toBe(
        '/bin/busybox is an x86-64 executable; a real arm64 node would fail with exec format error',
      );
    });

    it("reads each platform's layers from the registry, as a container of it would show them: what a later layer deletes is not there", async () => {
      const base = `${registry.host}/${uniqueName('layers')}`;
      // An amd64 binary in two layers, in a file and a directory, both
      // deleted by a third (a whiteout and a directory re-made empty).
      const layered = [
        'COPY rootfs/amd64/bin/busybox /opt/tool',
        'COPY rootfs/amd64/bin/busybox /opt/dir/foreign',
      ];
      // The image has busybox alone, without its applet links.
      const run = (script: string): string =>
        `RUN ${JSON.stringify(['/bin/busybox', 'sh', '-c', script.replace(/(^|&& )/g, '$1/bin/busybox ')])}`;
      const cleaned = `${base}/cleaned:1`;
      const kept = `${base}/kept:1`;
      pushImage(cleaned, 'linux/amd64,linux/arm64', {
        extra: [...layered, run('rm /opt/tool && rm -rf /opt/dir && mkdir /opt/dir')],
      });
      pushImage(kept, 'linux/amd64,linux/arm64', {
        extra: [...layered, run('mkdir /opt/elsewhere')],
      });
      const inputs = { images: `${cleaned}\n${kept}`, smoke: 'false', 'fail-on': 'never' };
      const fromLayers = await runAction(inputs, CHECK);
      expect(fromLayers.exitCode, fromLayers.stdout).toBe(0);
      expect(fromLayers.stdout).toMatch(
        new RegExp(
          `linux/arm64: the architecture check read 4 layers from registry ${registry.host.replace(/\./g, '\\.')} in [\\d.]+ s`,
        ),
      );
      expect(fromLayers.stdout).not.toContain('exports a container');
      const [clean, dirty] = reportOf(fromLayers.outputs).rows;
      expect(clean?.cells['linux/arm64']).toEqual({
        status: 'ok',
        reason: expect.stringMatching(/^in the index, \d+ ELF files checked$/) as unknown,
      });
      expect(dirty?.cells['linux/arm64']?.status).toBe('error');
      // Listed as docker export walks the tree: /opt/dir before /opt/tool.
      expect(dirty?.cells['linux/arm64']?.reason).toBe(
        '/opt/dir/foreign is an x86-64 executable; a real arm64 node would fail with exec format error',
      );
      expect(fromLayers.stdout).toContain('exec format error; /opt/tool is an x86-64 executable');
      // The oracle: the same check reading containers of the images (our
      // registry client steps aside for a proxy; docker's pulls do not).
      const exported = await runAction(inputs, {
        ...CHECK,
        env: { HTTP_PROXY: 'http://127.0.0.1:9' },
      });
      expect(exported.exitCode, exported.stdout).toBe(0);
      expect(exported.stdout).not.toContain('the architecture check read');
      expect(reportOf(exported.outputs).rows.map((r) => r.cells)).toEqual(
        reportOf(fromLayers.outputs).rows.map((r) => r.cells),
      );
    });

    it('says a good multi-arch image is ready', async () => {
      const run = await runAction({ images: good }, CHECK);
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs.ready).toBe('true');
      const row = reportOf(run.outputs).rows[0];
      expect(row?.cells['linux/arm64']?.status).toBe('ok');
      expect(row?.cells['linux/arm64']?.reason).toMatch(/^runs, \d+ ELF files checked$/);
      expect(run.summary).toContain('### ARM readiness: ✅ ready');
    });

    it("checks several images at once without their runs getting in each other's way", async () => {
      const run = await runAction({ images: `${good}\n${wrongArch}` }, CHECK);
      expect(run.exitCode).toBe(1);
      const [first, second] = reportOf(run.outputs).rows;
      expect(first?.cells['linux/amd64']?.reason).toMatch(/^runs, /);
      expect(first?.cells['linux/arm64']?.reason).toMatch(/^runs, /);
      expect(second?.cells['linux/amd64']?.reason).toMatch(/^runs, /);
      expect(second?.cells['linux/arm64']?.reason).toContain('exec format error');
      expect(run.stdout).not.toMatch(/Conflict|already in use/);
    });

    it('checks Kubernetes workloads against the architectures they may land on, at the image line', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-k8s-'));
      const deployment = (name: string, image: string, selector?: string) =>
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          `  name: ${name}`,
          'spec:',
          '  template:',
          '    spec:',
          ...(selector ? ['      nodeSelector:', `        kubernetes.io/arch: ${selector}`] : []),
          '      containers:',
          '        - name: app',
          `          image: ${image}`,
        ].join('\n');
      const file = path.join(dir, 'workloads.yaml');
      writeFileSync(
        file,
        [
          deployment('pinned-arm', amd64Only, 'arm64'),
          deployment('pinned-amd', amd64Only, 'amd64'),
          deployment('loose', amd64Only),
          deployment('multi', good),
        ].join('\n---\n') + '\n',
      );
      // Lines of each `image:` value in the file.
      const lines = (await import('node:fs')).readFileSync(file, 'utf8').split('\n');
      const imageLines = lines.flatMap((l, i) => (l.includes('image: ') ? [i + 1] : []));
      expect(imageLines).toHaveLength(4);

      const run = await runAction(
        { 'kubernetes-manifests': `${dir}/**/*.yaml`, images: '' },
        CHECK,
      );
      expect(run.exitCode).toBe(1);
      const report = reportOf(run.outputs);
      const rows: Record<string, Report['rows'][number]> = Object.fromEntries(
        report.rows.map((r) => [r.subject.split(':')[0], r]),
      );
      // Pinned to arm64 with an amd64-only image: an error at the image's line.
      expect(rows['Deployment pinned-arm']?.line).toBe(imageLines[0]);
      expect(rows['Deployment pinned-arm']?.cells['linux/arm64']?.status).toBe('error');
      expect(rows['Deployment pinned-arm']?.cells['linux/amd64']?.status).toBe('skip');
      // Pinned to amd64 and matching: fine.
      expect(
        Object.values(rows['Deployment pinned-amd']!.cells)
          .map((c) => c.status)
          .sort(),
      ).toEqual(['ok', 'skip']);
      // Unconstrained in a mixed cluster with a single-arch image: an error, with the fix.
      expect(rows['Deployment loose']?.cells['linux/arm64']?.status).toBe('error');
      expect(rows['Deployment multi']?.cells).toMatchObject({
        'linux/amd64': { status: 'ok' },
        'linux/arm64': { status: 'ok' },
      });
      const errors = report.findings.filter((f) => f.level === 'error');
      expect(errors.map((f) => f.line).sort()).toEqual([imageLines[0], imageLines[2]].sort());
      expect(errors.find((f) => f.line === imageLines[2])?.message).toContain(
        'has no kubernetes.io/arch constraint, so it can land on arm64 nodes',
      );
      expect(errors.find((f) => f.line === imageLines[2])?.message).toContain(
        'Fix: add nodeSelector {kubernetes.io/arch: amd64}',
      );
      // Annotations point at file and line.
      expect(run.stdout).toContain(
        `::error title=ARM readiness,file=${path.relative(process.cwd(), file)},line=${imageLines[0]}::`,
      );
    });

    it('flags a Dockerfile whose base image lacks arm64, and a hard-coded amd64 download', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-df-'));
      const file = path.join(dir, 'Dockerfile');
      writeFileSync(
        file,
        [
          `ARG BASE=${amd64Only}`,
          'FROM ${BASE} AS runtime',
          'RUN wget -O /usr/local/bin/kubectl https://dl.example.com/release/v1.31.0/bin/linux/amd64/kubectl',
          '',
        ].join('\n'),
      );
      const run = await runAction({ dockerfile: file, images: '' }, CHECK);
      expect(run.exitCode).toBe(1);
      const report = reportOf(run.outputs);
      const base = report.rows.find((r) => r.kind === 'base-image');
      expect(base).toMatchObject({ subject: `FROM ${amd64Only}`, line: 2 });
      expect(base?.cells['linux/arm64']).toEqual({
        status: 'error',
        reason: 'no linux/arm64 in the index (it lists linux/amd64)',
      });
      expect(report.findings.find((f) => f.level === 'warning')).toMatchObject({ line: 3 });
      expect(run.stdout).toMatch(/::warning title=ARM readiness,file=[^,]+Dockerfile,line=3::/);
    });
  },
);

/** Builds `files` (path → contents, or a host file to copy) into an image and pushes it. */
function pushFiles(
  tag: string,
  platform: string,
  files: Record<string, string | { copy: string }>,
  instructions: string[],
): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-files-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'root', name)), { recursive: true });
    if (typeof content === 'string') writeFileSync(path.join(dir, 'root', name), content);
    else copyFileSync(content.copy, path.join(dir, 'root', name));
    chmodSync(path.join(dir, 'root', name), 0o755);
  }
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    ['FROM scratch', 'COPY root/ /', ...instructions, ''].join('\n'),
  );
  const built = docker(
    'buildx',
    'build',
    '--progress',
    'quiet',
    '--platform',
    platform,
    '--tag',
    tag,
    '--push',
    dir,
  );
  if (built.status !== 0) throw new Error(`pushing ${tag} failed: ${built.stderr}`);
}

/**
 * What BuildKit itself resolves: a real `docker buildx build` for two
 * platforms, its progress read as rawjson, and every "[<platform> internal]
 * load metadata for <image>" vertex kept as "<platform> <image>".
 */
function buildkitResolves(dockerfile: string, args: string[] = []): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-oracle-'));
  const file = path.join(dir, 'Dockerfile');
  writeFileSync(file, dockerfile);
  const r = spawnSync(
    'docker',
    [
      'buildx',
      'build',
      '--progress=rawjson',
      '--platform',
      'linux/amd64,linux/arm64',
      '--output',
      'type=cacheonly',
      ...args,
      '-f',
      file,
      dir,
    ],
    { encoding: 'utf8', timeout: 240_000 },
  );
  if (r.status !== 0) throw new Error(`the oracle build failed:\n${r.stderr.slice(-3000)}`);
  const names = [...r.stderr.matchAll(/"name": "\[(\S+) internal\] load metadata for ([^"]+)"/g)];
  return [...new Set(names.map((m) => `${m[1]} ${m[2]}`))].sort();
}

/** The (platform, image) pairs the check says the build pulls, from its report's rows. */
function checkResolves(report: Report): string[] {
  return [
    ...new Set(
      report.rows.flatMap((r) =>
        Object.values(r.pulls ?? {}).map((p) => `${p.platform} ${p.image}`),
      ),
    ),
  ].sort();
}

describe.skipIf(!hasEngine)(
  'check sub-action on real Dockerfiles, images and charts',
  { timeout: 300_000 },
  () => {
    let registry: Registry;
    let R: string;
    beforeAll(async () => {
      registry = await startRegistry();
      R = `${registry.host}/${uniqueName('oracle')}`;
      for (const name of ['base:1', 'base:2', 'tools:1', 'runtime:1', 'assets:1'])
        pushImage(`${R}/${name}`, 'linux/amd64,linux/arm64');
    });
    afterAll(() => registry?.stop());

    /** Dockerfiles in the styles of real projects, over the registry's images. */
    const DOCKERFILES: {
      name: string;
      text: () => string;
      runs: { inputs: Record<string, string>; buildx: string[]; expected: () => string[] }[];
    }[] = [
      {
        // docker/buildx's own shape: builders on $BUILDPLATFORM, the output stage by $TARGETOS.
        name: 'ARG-built stage names, builders on $BUILDPLATFORM, an unreachable stage',
        text: () =>
          [
            'ARG TOOLS_TAG=1',
            `FROM --platform=$BUILDPLATFORM ${R}/tools:\${TOOLS_TAG} AS xx`,
            `FROM --platform=$BUILDPLATFORM ${R}/base:1 AS golatest`,
            'COPY --from=xx /bin/busybox /xx',
            'FROM golatest AS build',
            'RUN ["/bin/busybox", "true"]',
            `FROM ${R}/runtime:1 AS binaries-unix`,
            'COPY --from=build /bin/busybox /app',
            'FROM binaries-unix AS binaries-linux',
            `FROM ${R}/tools:1 AS release-tools`,
            'FROM binaries-$TARGETOS AS binaries',
            '',
          ].join('\n'),
        runs: [
          {
            inputs: {},
            buildx: [],
            expected: () => [
              `linux/amd64 ${R}/base:1`,
              `linux/amd64 ${R}/runtime:1`,
              `linux/amd64 ${R}/tools:1`,
              `linux/arm64 ${R}/runtime:1`,
            ],
          },
        ],
      },
      {
        // Node and Python projects: one image as a native build stage and as the runtime.
        name: '--platform=$BUILDPLATFORM next to a plain FROM of the same image, ${VAR:-…}, ${VAR:+…}, build-args',
        text: () =>
          [
            'ARG NODE_TAG',
            'ARG DEBUG',
            `FROM --platform=$BUILDPLATFORM ${R}/base:\${NODE_TAG:-1} AS deps`,
            'RUN ["/bin/busybox", "true"]',
            `FROM ${R}/base:\${NODE_TAG:-1}\${DEBUG:+-debug} AS runtime`,
            'COPY --from=deps /bin/busybox /deps',
            '',
          ].join('\n'),
        runs: [
          {
            inputs: {},
            buildx: [],
            expected: () => [`linux/amd64 ${R}/base:1`, `linux/arm64 ${R}/base:1`],
          },
          {
            inputs: { 'build-args': 'NODE_TAG=2' },
            buildx: ['--build-arg', 'NODE_TAG=2'],
            expected: () => [`linux/amd64 ${R}/base:2`, `linux/arm64 ${R}/base:2`],
          },
        ],
      },
      {
        // A target stage, images read by COPY --from and RUN --mount, a stage pinned to arm64.
        name: 'target, COPY --from=<image>, RUN --mount from=<image>, a pinned --platform',
        text: () =>
          [
            `FROM ${R}/base:1 AS build`,
            `COPY --from=${R}/tools:1 /bin/busybox /tools`,
            `RUN --mount=type=bind,from=${R}/assets:1,target=/m ["/bin/busybox", "true"]`,
            `FROM --platform=linux/arm64 ${R}/runtime:1 AS pinned`,
            `FROM ${R}/runtime:1 AS final`,
            'COPY --from=build /tools /tools',
            'COPY --from=pinned /bin/busybox /arm64-busybox',
            '',
          ].join('\n'),
        runs: [
          {
            inputs: {},
            buildx: [],
            expected: () =>
              ['base:1', 'tools:1', 'assets:1', 'runtime:1']
                .flatMap((i) => [`linux/amd64 ${R}/${i}`, `linux/arm64 ${R}/${i}`])
                .sort(),
          },
          {
            inputs: { target: 'build' },
            buildx: ['--target', 'build'],
            expected: () =>
              ['base:1', 'tools:1', 'assets:1']
                .flatMap((i) => [`linux/amd64 ${R}/${i}`, `linux/arm64 ${R}/${i}`])
                .sort(),
          },
        ],
      },
    ];

    for (const df of DOCKERFILES) {
      for (const [i, run] of df.runs.entries()) {
        it(`names exactly what BuildKit resolves: ${df.name} (#${i + 1})`, async () => {
          const text = df.text();
          const oracle = buildkitResolves(text, run.buildx);
          // The oracle is what it should be: the test cannot pass on an empty answer.
          expect(oracle).toEqual(run.expected());
          const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-df-'));
          const file = path.join(dir, 'Dockerfile');
          writeFileSync(file, text);
          const result = await runAction({ dockerfile: file, images: '', ...run.inputs }, CHECK);
          const report = reportOf(result.outputs);
          expect(checkResolves(report), result.stdout).toEqual(oracle);
          expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
          expect(result.outputs.ready).toBe('true');
        });
      }
    }

    it('lists a stage the build does not reach without checking or failing on it', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-df-'));
      const file = path.join(dir, 'Dockerfile');
      writeFileSync(
        file,
        [
          `FROM ${R}/runtime:1 AS app`,
          // amd64-only tag that does not exist: an error if it were built.
          `FROM ${R}/missing:1 AS debug`,
          'RUN wget https://example.com/tool-linux-amd64',
          `FROM ${R}/base:1`,
          'COPY --from=app /bin/busybox /app',
          '',
        ].join('\n'),
      );
      const run = await runAction({ dockerfile: file, images: '' }, CHECK);
      expect(run.exitCode, run.stdout).toBe(0);
      const report = reportOf(run.outputs);
      const debug = report.rows.find((r) => r.line === 2);
      expect(debug?.subject).toBe(`FROM ${R}/missing:1`);
      expect(debug?.cells).toEqual({
        'linux/amd64': {
          status: 'skip',
          reason: 'not built: stage "debug" is not reached from the last stage, #2 (line 4)',
        },
        'linux/arm64': {
          status: 'skip',
          reason: 'not built: stage "debug" is not reached from the last stage, #2 (line 4)',
        },
      });
      expect(report.findings.find((f) => f.line === 3)).toMatchObject({ level: 'info' });
      expect(run.stdout).toMatch(/::notice title=ARM readiness,file=[^,]+Dockerfile,line=3::/);
    });

    describe('images whose emulators differ', () => {
      const ENTRY = '/proc/sys/fs/binfmt_misc/qemu-arm';
      const setArm = (on: boolean) => writeFileSync(ENTRY, on ? '1' : '0');
      // Without the entry the test cannot switch arm emulation off. Under CI=true that fails the
      // test (it is never skipped in CI); elsewhere the skip says why.
      const NO_ENTRY = `${ENTRY} is missing, so arm emulation cannot be switched off: register the QEMU emulators (scripts/setup-host.sh)`;
      const skipWithoutEntry = !existsSync(ENTRY) && process.env.CI !== 'true';
      if (skipWithoutEntry && hasEngine)
        console.warn(`SKIPPING "gives each cell its own verdict": ${NO_ENTRY}.`);
      let installer: string;
      let armOnly: string;
      let twoPlatforms: string;
      beforeAll(() => {
        armOnly = `${R}/armonly:1`;
        twoPlatforms = `${R}/base:1`;
        // The arm/v7 image holds a real armhf busybox header: its ELF check passes.
        pushFiles(
          armOnly,
          'linux/arm/v7',
          { 'bin/busybox': { copy: path.join(ROOT, 'test/fixtures/elf/armhf-busybox.head') } },
          ['CMD ["/bin/busybox", "true"]'],
        );
        // A binfmt installer that installs nothing: arm stays without an emulator.
        installer = `multiarch-e2e/binfmt:${uniqueName('noop')}`;
        const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-binfmt-'));
        copyFileSync(path.join(busybox(), 'amd64/bin/busybox'), path.join(dir, 'busybox'));
        writeFileSync(
          path.join(dir, 'Dockerfile'),
          'FROM scratch\nCOPY busybox /bin/busybox\nENTRYPOINT ["/bin/busybox", "echo", "installing nothing:"]\n',
        );
        const r = docker(
          'buildx',
          'build',
          '--progress',
          'quiet',
          '--platform',
          'linux/amd64',
          '--load',
          '-t',
          installer,
          dir,
        );
        if (r.status !== 0) throw new Error(`building the stand-in installer failed: ${r.stderr}`);
      });
      afterAll(() => {
        if (existsSync(ENTRY)) setArm(true);
        docker('rmi', installer);
      });

      it.skipIf(skipWithoutEntry)(
        'gives each cell its own verdict: no arm emulator fails the arm/v7 cells only',
        async () => {
          if (!existsSync(ENTRY))
            throw new Error(`CI=true but ${NO_ENTRY}. End-to-end tests are never skipped in CI.`);
          setArm(false);
          let run;
          try {
            run = await runAction(
              {
                images: `${armOnly}\n${twoPlatforms}`,
                platforms: 'linux/arm/v7,linux/arm64',
                'qemu-image': installer,
              },
              CHECK,
            );
          } finally {
            setArm(true);
          }
          const [arm, two] = reportOf(run.outputs).rows;
          expect(arm?.cells['linux/arm']).toEqual({
            status: 'error',
            reason: 'no emulator to run it',
          });
          expect(arm?.cells['linux/arm64']).toEqual({
            status: 'error',
            reason: 'no linux/arm64 in the index (it lists linux/arm)',
          });
          expect(two?.cells['linux/arm']).toEqual({
            status: 'error',
            reason: 'no linux/arm in the index (it lists linux/amd64, linux/arm64)',
          });
          // Checked alone or next to the arm/v7 image, the arm64 cell is the same: it runs.
          expect(two?.cells['linux/arm64']?.status, run.stdout).toBe('ok');
          expect(two?.cells['linux/arm64']?.reason).toMatch(/^runs, \d+ ELF files checked$/);
          expect(run.stdout).toContain('linux/arm: binfmt entry qemu-arm is disabled');
        },
      );
    });

    it('reports a dynamically linked binary whose loader the image lacks, naming both paths', async () => {
      const loader = { x64: '/lib64/ld-linux-x86-64.so.2', arm64: '/lib/ld-linux-aarch64.so.1' }[
        process.arch as 'x64' | 'arm64'
      ];
      const platform = process.arch === 'arm64' ? 'linux/arm64' : 'linux/amd64';
      const without = `${R}/noloader:1`;
      const withLoader = `${R}/withloader:1`;
      const program = { copy: realpathSync('/usr/bin/true') };
      pushFiles(without, platform, { 'app/true': program }, ['ENTRYPOINT ["/app/true"]']);
      pushFiles(
        withLoader,
        platform,
        { 'app/true': program, [loader.slice(1)]: { copy: realpathSync(loader) } },
        ['ENTRYPOINT ["/app/true"]'],
      );
      const run = await runAction(
        { images: `${without}\n${withLoader}`, platforms: platform, smoke: 'false' },
        CHECK,
      );
      expect(run.exitCode).toBe(1);
      const [bad, good] = reportOf(run.outputs).rows;
      expect(bad?.cells[platform]).toEqual({
        status: 'error',
        reason: `/app/true needs loader ${loader}, which the image lacks`,
      });
      expect(good?.cells[platform]).toEqual({
        status: 'ok',
        reason: 'in the index, 2 ELF files checked',
      });
      const finding = reportOf(run.outputs).findings.find((f) => f.level === 'error');
      expect(finding?.message).toContain(`/app/true needs loader ${loader}, which the image lacks`);
      expect(finding?.message).toContain('CGO_ENABLED=0');
    });

    describe('a manifest folder with a Helm chart next to plain manifests', () => {
      let dir: string;
      beforeAll(() => {
        dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-k8s-'));
        const write = (file: string, text: string) => {
          mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
          writeFileSync(path.join(dir, file), text);
        };
        write(
          'apps/web.yaml',
          [
            'apiVersion: apps/v1',
            'kind: Deployment',
            'metadata: {name: web}',
            'spec:',
            '  template:',
            '    spec:',
            '      containers:',
            '        - name: web',
            `          image: ${R}/runtime:1`,
            '---',
            'apiVersion: v1',
            'kind: ReplicationController',
            'metadata: {name: legacy}',
            'spec:',
            '  template:',
            '    spec:',
            '      containers:',
            '        - name: legacy',
            `          image: ${R}/base:1`,
            '',
          ].join('\n'),
        );
        write('chart/Chart.yaml', 'apiVersion: v2\nname: api\nversion: 0.1.0\n');
        write('chart/values.yaml', `image: ${R}/tools:1\nreplicas: 2\n`);
        write(
          'chart/templates/deployment.yaml',
          [
            'apiVersion: apps/v1',
            'kind: Deployment',
            'metadata:',
            '  name: {{ .Release.Name }}-api',
            '  labels:',
            '    {{- include "api.labels" . | nindent 4 }}',
            'spec:',
            '  replicas: {{ .Values.replicas }}',
            '  template:',
            '    spec:',
            '      containers:',
            '        - name: api',
            '          image: {{ .Values.image }}',
            '',
          ].join('\n'),
        );
      });

      it('passes on the plain manifests and skips the chart with a note, never a syntax error', async () => {
        const run = await runAction({ 'kubernetes-manifests': dir, images: '' }, CHECK);
        expect(run.exitCode, run.stdout).toBe(0);
        const report = reportOf(run.outputs);
        expect(report.rows.map((r) => r.subject)).toEqual([
          `Deployment web: container web (${R}/runtime:1)`,
          `ReplicationController legacy: container legacy (${R}/base:1)`,
        ]);
        for (const row of report.rows)
          expect(Object.values(row.cells).map((c) => c.status)).toEqual(['ok', 'ok']);
        expect(run.stdout).not.toContain('YAML syntax error');
        const note = report.findings.find((f) => f.level === 'info');
        expect(note?.message).toMatch(
          /^Skipped the Helm chart .*chart: helm is not on PATH, so its templates were not rendered and not checked: .*chart\/templates\/deployment\.yaml\./,
        );
        expect(report.findings.filter((f) => f.level !== 'info')).toEqual([]);
      });

      it('renders the chart with helm template when helm is on PATH, and checks what it renders', async () => {
        // A stand-in helm: fills in .Values.image and .Release.Name the way helm would.
        const bin = mkdtempSync(path.join(os.tmpdir(), 'fake-helm-'));
        writeFileSync(
          path.join(bin, 'helm'),
          [
            '#!/bin/sh',
            'case "$1" in',
            '  version) echo "v3.15.2+gstandin" ;;',
            '  template)',
            '    image=$(sed -n "s/^image: //p" "$3/values.yaml")',
            '    echo "---"',
            '    echo "# Source: api/templates/deployment.yaml"',
            '    sed -e "s#{{ .Values.image }}#$image#" -e "s#{{ .Release.Name }}#$2#" \\',
            '      -e "/include/d" -e "/labels:/d" -e "s#{{ .Values.replicas }}#2#" "$3/templates/deployment.yaml" ;;',
            '  *) exit 1 ;;',
            'esac',
            '',
          ].join('\n'),
        );
        chmodSync(path.join(bin, 'helm'), 0o755);
        const saved = process.env.PATH;
        process.env.PATH = `${bin}:${saved ?? ''}`;
        let run;
        try {
          run = await runAction({ 'kubernetes-manifests': dir, images: '' }, CHECK);
        } finally {
          process.env.PATH = saved;
        }
        expect(run.exitCode, run.stdout).toBe(0);
        const report = reportOf(run.outputs);
        const api = report.rows.find((r) => r.subject.startsWith('Deployment multiarch-check-api'));
        expect(api?.subject).toBe(`Deployment multiarch-check-api: container api (${R}/tools:1)`);
        expect(api?.file).toMatch(/chart\/templates\/deployment\.yaml$/);
        expect(api?.line).toBeUndefined();
        expect(Object.values(api?.cells ?? {}).map((c) => c.status)).toEqual(['ok', 'ok']);
        expect(report.rows).toHaveLength(3);
        expect(report.findings.find((f) => f.level === 'info')?.message).toMatch(
          /^Rendered the Helm chart .*chart with helm template \(v3\.15\.2\+gstandin\) and its default values: 1 workload from .*deployment\.yaml\.$/,
        );
        expect(run.stdout).not.toContain('YAML syntax error');
      });
    });
  },
);
