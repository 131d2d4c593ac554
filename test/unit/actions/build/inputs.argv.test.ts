/**
 * The build action's inputs, end to end to the `docker buildx build` argv,
 * as build-push-action's own context tests map inputs to argv: every input
 * it shares, its list syntax (quotes, multi-line values, comments), and what
 * this action makes of inputs it cannot pass on as they are.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseInputs } from '../../../../src/actions/build/inputs';
import { callArgs } from '../../../../src/engine/call';
import { localWorker, planRun, type PlanOptions } from '../../../../src/engine/plan/index';
import { prepareBuild } from '../../../../src/engine/prepare';
import type { EngineInfo } from '../../../../src/docker/engine';
import { parsePlatform } from '../../../../src/oci/platform';

const engine: EngineInfo = {
  native: parsePlatform('linux/amd64'),
  containerdStore: true,
  version: '26.1.5',
};

/** What core writes (info, warning, ::add-mask::) while a case runs. */
let written: string[] = [];
beforeEach(() => {
  written = [];
  // Secrets are masked only under a runner (runner/mask.ts).
  vi.stubEnv('GITHUB_ACTIONS', 'true');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(...String(chunk).split(/\r?\n/).filter(Boolean));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** The argv of the one build the inputs plan, with the run's temp dir written as $TMP. */
async function argvFor(
  values: Record<string, string>,
  opts: { env?: NodeJS.ProcessEnv; plan?: Partial<PlanOptions> } = {},
): Promise<{ argv: string[]; tmp: string }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'argv-'));
  const inputs = await prepareBuild(
    parseInputs((n) => values[n] ?? ''),
    tmp,
    opts.env ?? {},
  );
  const argv = inputs.call
    ? callArgs(inputs, tmp)
    : (() => {
        const plan = planRun(inputs, [localWorker(engine, inputs.platforms)], {
          tempDir: tmp,
          ...opts.plan,
        });
        expect(plan.builds).toHaveLength(1);
        return plan.builds[0]!.argv;
      })();
  return { argv: argv.map((a) => a.split(tmp).join('$TMP')), tmp };
}

/** A load of context `app` for linux/amd64: the flags under test sit between. */
const HEAD = [
  'docker',
  'buildx',
  'build',
  '--progress',
  'plain',
  '--platform',
  'linux/amd64',
  '--tag',
  'multiarch-local/app:latest',
];
const TAIL = ['--metadata-file', '$TMP/metadata-1.json', '--load', 'app'];
const base = { context: 'app', platforms: 'linux/amd64' };
const load = (...flags: string[]) => [...HEAD, ...flags, ...TAIL];

// Each value fed to both actions; the argv is what build-push-action gives too
// (its flags in this action's order), unless the name says otherwise.
const CASES: [string, Record<string, string>, string[]][] = [
  // The list-syntax cases where this action used to differ from build-push-action.
  [
    'list syntax: build-args, a quoted value spanning lines',
    { 'build-args': 'A=1\n"MYSECRET=a\nb"' },
    load('--build-arg', 'A=1', '--build-arg', 'MYSECRET=a\nb'),
  ],
  [
    'list syntax: build-args, a bare NAME (buildx takes its value from the environment)',
    { 'build-args': 'NAME\nB=2' },
    load('--build-arg', 'NAME', '--build-arg', 'B=2'),
  ],
  [
    'list syntax: platforms, a quoted CSV entry',
    { platforms: 'linux/amd64\n"linux/arm64,linux/arm/v7"' },
    // linux/arm/v7 is linux/arm to buildx: the action writes the short form.
    [...HEAD.slice(0, 6), 'linux/amd64,linux/arm64,linux/arm', ...HEAD.slice(7), ...TAIL],
  ],
  [
    'list syntax: cache-from, a key with _ (s3 endpoint_url)',
    { 'cache-from': 'type=s3,region=eu-west-1,bucket=b,endpoint_url=http://minio:9000' },
    load('--cache-from', 'type=s3,region=eu-west-1,bucket=b,endpoint_url=http://minio:9000'),
  ],
  [
    'list syntax: cache-from, a key with _ (azblob account_url)',
    { 'cache-from': 'type=azblob,account_url=https://acct.blob.core.windows.net,name=c' },
    load('--cache-from', 'type=azblob,account_url=https://acct.blob.core.windows.net,name=c'),
  ],
  [
    'list syntax: cache-from, a value with a space',
    { 'cache-from': 'type=gha,scope=CI build' },
    load('--cache-from', 'type=gha,scope=CI build'),
  ],
  [
    'list syntax: cache-to, a key with _ (s3 endpoint_url)',
    { 'cache-to': 'type=s3,region=eu-west-1,bucket=b,endpoint_url=http://minio:9000,mode=max' },
    load('--cache-to', 'type=s3,region=eu-west-1,bucket=b,endpoint_url=http://minio:9000,mode=max'),
  ],
  [
    'list syntax: cache-to, a key with _ (azblob account_url)',
    { 'cache-to': 'type=azblob,account_url=https://acct.blob.core.windows.net,name=c' },
    load('--cache-to', 'type=azblob,account_url=https://acct.blob.core.windows.net,name=c'),
  ],
  [
    'list syntax: cache-to, a value with a space',
    { 'cache-to': 'type=gha,scope=CI build,mode=max' },
    load('--cache-to', 'type=gha,scope=CI build,mode=max'),
  ],
  [
    'list syntax: labels, a quoted value loses its quotes',
    { labels: '"k=Fast, small"\norg.opencontainers.image.title=api' },
    load('--label', 'k=Fast, small', '--label', 'org.opencontainers.image.title=api'),
  ],
  [
    'list syntax: tags, a quoted CSV entry',
    { tags: '"app:1,app:2"', push: 'false' },
    [...HEAD.slice(0, 7), '--tag', 'app:1', '--tag', 'app:2', ...TAIL],
  ],

  // The rest of the shared list syntax.
  [
    'build-args keep commas; a comment line is dropped (build-push-action would pass it on)',
    { 'build-args': '# versions\nMY_ARG=val1,val2,val3\nARG=val' },
    load('--build-arg', 'MY_ARG=val1,val2,val3', '--build-arg', 'ARG=val'),
  ],
  [
    'CRLF line ends',
    { labels: 'a=1\r\nb=2', 'build-args': 'X=1\r\nY=2' },
    load('--label', 'a=1', '--label', 'b=2', '--build-arg', 'X=1', '--build-arg', 'Y=2'),
  ],
  [
    '"" in a quoted value is one quote; a quote inside a value is kept',
    { 'build-args': '"A=say ""hi"""\nB="x y"' },
    load('--build-arg', 'A=say "hi"', '--build-arg', 'B="x y"'),
  ],
  [
    'labels with a description full of commas',
    {
      labels:
        'org.opencontainers.image.title=buildkit\norg.opencontainers.image.description=concurrent, cache-efficient, and Dockerfile-agnostic builder toolkit',
    },
    load(
      '--label',
      'org.opencontainers.image.title=buildkit',
      '--label',
      'org.opencontainers.image.description=concurrent, cache-efficient, and Dockerfile-agnostic builder toolkit',
    ),
  ],
  [
    'cache-from: an image reference, and a quoted field among fields',
    { 'cache-from': 'user/app:cache\ntype=local,"src=path/to/dir"' },
    load('--cache-from', 'user/app:cache', '--cache-from', 'type=local,src=path/to/dir'),
  ],

  // Each input build-push-action has and this action now takes.
  [
    'build-contexts',
    { 'build-contexts': 'src=../shared\nalpine=docker-image://alpine:3.20' },
    load(
      '--build-context',
      'src=../shared',
      '--build-context',
      'alpine=docker-image://alpine:3.20',
    ),
  ],
  [
    "annotations (metadata-action's output)",
    {
      annotations:
        'manifest:org.opencontainers.image.title=api\nindex:org.opencontainers.image.description=Fast, small\nmanifest-descriptor[linux/amd64]:k=v',
    },
    load(
      '--annotation',
      'manifest:org.opencontainers.image.title=api',
      '--annotation',
      'index:org.opencontainers.image.description=Fast, small',
      '--annotation',
      'manifest-descriptor[linux/amd64]:k=v',
    ),
  ],
  [
    'attests',
    { attests: 'type=sbom,generator=docker/buildkit-syft-scanner\ntype=provenance,mode=max' },
    load(
      '--attest',
      'type=sbom,generator=docker/buildkit-syft-scanner',
      '--attest',
      'type=provenance,mode=max',
    ),
  ],
  [
    'attests: the provenance input wins over an attests entry of its type',
    { provenance: 'mode=min', attests: 'type=provenance,mode=max\ntype=sbom' },
    load('--provenance=mode=min', '--attest', 'type=sbom'),
  ],
  [
    'secret-envs, comma separated',
    { 'secret-envs': 'NPM=NPM_TOKEN,PIP=PIP_TOKEN' },
    load('--secret', 'id=NPM,env=NPM_TOKEN', '--secret', 'id=PIP,env=PIP_TOKEN'),
  ],
  [
    'ssh',
    { ssh: 'default,github=/keys/github' },
    load('--ssh', 'default', '--ssh', 'github=/keys/github'),
  ],
  ['network', { network: 'host' }, load('--network', 'host')],
  [
    'add-hosts, comma and newline separated',
    { 'add-hosts': 'docker:10.180.0.1,db:10.180.0.2\nmirror=10.0.0.3' },
    load(
      '--add-host',
      'docker:10.180.0.1',
      '--add-host',
      'db:10.180.0.2',
      '--add-host',
      'mirror=10.0.0.3',
    ),
  ],
  [
    'allow',
    { allow: 'network.host,security.insecure' },
    load('--allow', 'network.host', '--allow', 'security.insecure'),
  ],
  ['shm-size', { 'shm-size': '2g' }, load('--shm-size', '2g')],
  [
    'ulimit, one per line',
    { ulimit: 'nofile=1024:1024\nnproc=512' },
    load('--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=512'),
  ],
  ['cgroup-parent', { 'cgroup-parent': '/actions_job' }, load('--cgroup-parent', '/actions_job')],
  [
    'no-cache-filters',
    { 'no-cache-filters': 'deps,test' },
    load('--no-cache-filter', 'deps', '--no-cache-filter', 'test'),
  ],
  ['call: build is the default, and needs no flag', { call: 'build' }, load()],
  [
    'call: check builds no image: no tag, no output',
    { call: 'check', tags: 'app:1' },
    [...HEAD.slice(0, 7), '--call', 'check', '--metadata-file', '$TMP/metadata-call.json', 'app'],
  ],
  [
    'outputs: more exporters beside the image',
    { outputs: 'type=local,dest=out\ntype=tar,dest=image.tar' },
    [
      ...HEAD,
      ...TAIL.slice(0, 3),
      '--output',
      'type=local,dest=out',
      '--output',
      'type=tar,dest=image.tar',
      'app',
    ],
  ],
  [
    'outputs: a bare path is type=local',
    { outputs: 'out/dir' },
    [...HEAD, ...TAIL.slice(0, 3), '--output', 'out/dir', 'app'],
  ],
  ['outputs: type=docker is load: true', { outputs: 'type=docker' }, load()],
  [
    'load: false without push still loads (the smoke test runs the image), and says so',
    { load: 'false' },
    load(),
  ],
  [
    'github-token with a local context: not passed',
    { 'github-token': 'ghs_local0123456789' },
    load(),
  ],
  [
    'github-token unexpanded (outside a runner): nothing',
    { context: 'https://github.com/acme/api.git#main', 'github-token': '${{ github.token }}' },
    [
      ...HEAD.slice(0, 7),
      '--tag',
      'multiarch-local/api.git-main:latest',
      ...TAIL.slice(0, 3),
      'https://github.com/acme/api.git#main',
    ],
  ],
];

describe('inputs → buildx argv', () => {
  it.each(CASES)('%s', async (_name, values, expected) => {
    const { argv } = await argvFor(
      { ...base, ...values },
      { env: { SSH_AUTH_SOCK: '/agent.sock' } },
    );
    expect(argv).toEqual(expected);
  });
});

describe('secrets', () => {
  it('writes each value to its own 0600 file in the run temp dir, masks it, and passes only the path', async () => {
    const secretFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'src-')), 'npmrc');
    writeFileSync(secretFile, '//registry.npmjs.org/:_authToken=npm_file_secret\n');
    const { argv, tmp } = await argvFor({
      ...base,
      secrets:
        'GIT_AUTH_TOKEN=abcdefghi,jklmno=0123456789\n"MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc"\nFOO=bar',
      'secret-files': `npmrc=${secretFile}`,
    });
    expect(argv).toEqual(
      load(
        '--secret',
        'id=GIT_AUTH_TOKEN,src=$TMP/secret-1',
        '--secret',
        'id=MYSECRET,src=$TMP/secret-2',
        '--secret',
        'id=FOO,src=$TMP/secret-3',
        '--secret',
        'id=npmrc,src=$TMP/secret-4',
      ),
    );
    const read = (n: number) => readFileSync(path.join(tmp, `secret-${n}`), 'utf8');
    expect([1, 2, 3, 4].map(read)).toEqual([
      'abcdefghi,jklmno=0123456789',
      'aaaaaaaa\nbbbbbbb\nccccccccc',
      'bar',
      '//registry.npmjs.org/:_authToken=npm_file_secret\n',
    ]);
    for (const n of [1, 2, 3, 4])
      expect(statSync(path.join(tmp, `secret-${n}`)).mode & 0o777).toBe(0o600);
    expect(argv.join(' ')).not.toMatch(/0123456789|aaaaaaaa|npm_file_secret/);
  });

  it('leaves out an empty secret and a missing file with a warning, as build-push-action does', async () => {
    const { argv } = await argvFor({
      ...base,
      secrets: 'EMPTY=\nOK=1',
      'secret-files': 'gone=/nonexistent/file',
    });
    expect(argv).toEqual(load('--secret', 'id=OK,src=$TMP/secret-1'));
    const warnings = written.filter((l) => l.startsWith('::warning::'));
    expect(warnings.join('\n')).toMatch(/Input "secrets": "EMPTY=\*\*\*" has an empty value/);
    expect(warnings.join('\n')).toMatch(
      /Input "secret-files": gone=\/nonexistent\/file: no such file/,
    );
  });

  it('masks a secret-envs variable and warns when it is not set', async () => {
    const { argv } = await argvFor(
      { ...base, 'secret-envs': 'A=SET_ONE\nB=UNSET_ONE' },
      { env: { SET_ONE: 'value-of-set-one' } },
    );
    expect(argv).toEqual(load('--secret', 'id=A,env=SET_ONE', '--secret', 'id=B,env=UNSET_ONE'));
    expect(written).toContain('::add-mask::value-of-set-one');
    expect(written.join('\n')).toMatch(/the variable UNSET_ONE is not set/);
  });
});

describe('github-token', () => {
  it.each([
    ['https://github.com/acme/api.git#main', 'api.git-main'],
    ['git@github.com:acme/api.git', 'api.git'],
    ['github.com/acme/api.git', 'api.git'],
  ])('is offered as GIT_AUTH_TOKEN.github.com for the git context %s', async (context, name) => {
    const { argv, tmp } = await argvFor({
      context,
      platforms: 'linux/amd64',
      'github-token': 'ghs_0123456789abcdef',
    });
    expect(argv).toEqual([
      ...HEAD.slice(0, 7),
      '--tag',
      `multiarch-local/${name}:latest`,
      '--secret',
      'id=GIT_AUTH_TOKEN.github.com,src=$TMP/secret-1',
      ...TAIL.slice(0, 3),
      context,
    ]);
    expect(readFileSync(path.join(tmp, 'secret-1'), 'utf8')).toBe('ghs_0123456789abcdef');
  });

  it('is offered for a named git context on the GitHub server too, and for that server only', async () => {
    const ghes = { GITHUB_SERVER_URL: 'https://ghe.example.com' };
    const named = {
      ...base,
      'github-token': 'ghs_x',
      'build-contexts': 'lib=https://ghe.example.com/acme/lib.git',
    };
    expect((await argvFor(named, { env: ghes })).argv).toContain(
      'id=GIT_AUTH_TOKEN.ghe.example.com,src=$TMP/secret-1',
    );
    // Never to a host that is not the server.
    expect((await argvFor(named)).argv).not.toContain('--secret');
  });

  it("gives way to the user's own GIT_AUTH_TOKEN secret", async () => {
    const { argv } = await argvFor({
      context: 'https://github.com/acme/api.git',
      platforms: 'linux/amd64',
      'github-token': 'ghs_x',
      secrets: 'GIT_AUTH_TOKEN=mine',
    });
    expect(argv.filter((a) => a.startsWith('id='))).toEqual([
      'id=GIT_AUTH_TOKEN,src=$TMP/secret-1',
    ]);
  });
});

describe('image outputs and load with push', () => {
  const container = { plan: { builderDriver: 'docker-container' } };
  const byDigest = (repo: string) => [
    ...HEAD.slice(0, 7),
    '--metadata-file',
    '$TMP/metadata-1.json',
    '--output',
    `type=image,name=${repo},push-by-digest=true,name-canonical=true,push=true`,
    'app',
  ];

  it("outputs: the matrix recipe's push-by-digest image output is push-by-digest with that repository", async () => {
    const { argv } = await argvFor(
      {
        ...base,
        outputs:
          'type=image,name=ghcr.io/acme/api,push-by-digest=true,name-canonical=true,push=true',
      },
      container,
    );
    expect(argv).toEqual(byDigest('ghcr.io/acme/api'));
    expect(written.join('\n')).toMatch(
      /is push-by-digest: true with tags: ghcr.io\/acme\/api here/,
    );
  });

  it('outputs: type=registry is push: true', async () => {
    const { argv } = await argvFor(
      { ...base, tags: 'ghcr.io/acme/api:1', outputs: 'type=registry' },
      container,
    );
    // Pushed by digest first; the tag is written after the tests.
    expect(argv).toEqual(byDigest('ghcr.io/acme/api'));
  });

  it('load: true with push: the build is the same push; the image is pulled in after the tags are written', async () => {
    const values = { ...base, tags: 'ghcr.io/acme/api:1' };
    expect((await argvFor({ ...values, load: 'true' }, container)).argv).toEqual(
      (await argvFor(values, container)).argv,
    );
  });

  it('annotations: a fanout part keeps its manifest annotations; the index ones go to the merge', async () => {
    const inputs = parseInputs(
      (n) =>
        ({
          context: 'app',
          tags: 'ghcr.io/acme/api:1',
          annotations:
            'manifest:a=1\nindex:b=2\nindex,manifest:c=3\nmanifest-descriptor[linux/arm64]:d=4',
          nodes: 'linux/arm64=ssh://builder@arm1',
          'ssh-accept-new-host-keys': 'true',
        })[n] ?? '',
    );
    const arm = parsePlatform('linux/arm64');
    const plan = planRun(
      inputs,
      [
        localWorker(engine, [parsePlatform('linux/amd64')]),
        {
          ...localWorker({ ...engine, native: arm }, [arm]),
          name: 'ssh://builder@arm1',
          remote: true,
          docker: ['docker', '--context', 'n1'],
        },
      ],
      { tempDir: '/t', strategy: 'fanout' },
    );
    for (const b of plan.builds) {
      const flags = b.argv.flatMap((a, i) => (b.argv[i - 1] === '--annotation' ? [a] : []));
      expect(flags).toEqual(['manifest:a=1', 'manifest:c=3']);
    }
    expect(plan.gate).toEqual({
      kind: 'fanout',
      tags: ['ghcr.io/acme/api:1'],
      annotations: ['index:b=2', 'index:c=3', 'manifest-descriptor[linux/arm64]:d=4'],
    });
  });
});

describe('inputs that cannot apply are refused, naming the input, the value and the fix', () => {
  it.each<[Record<string, string>, RegExp]>([
    [
      { outputs: 'type=image,name=r/a,push=true' },
      /Input "outputs": .* is an image output.*Use tags: r\/a with push: true instead/,
    ],
    [
      { outputs: 'type=image,name=r/a,push-by-digest=true,push=true', tags: 'r/a' },
      /Input "tags": "r\/a" is given as well as a repository in outputs/,
    ],
    [
      {
        outputs: 'type=image,name=r/a,push-by-digest=true,push=true',
        'push-by-digest': 'false',
      },
      /Input "push-by-digest": "false" contradicts outputs/,
    ],
    [
      { outputs: 'type=registry', push: 'false' },
      /Input "push": "false" contradicts outputs: type=registry/,
    ],
    [
      { outputs: 'type=docker', load: 'false' },
      /Input "load": "false" contradicts outputs: type=docker/,
    ],
    [{ outputs: '-' }, /Input "outputs": "-" writes to the step's stdout/],
    [{ outputs: 'dest=out' }, /Input "outputs": "dest=out" names no exporter type/],
    [
      { load: 'true', 'push-by-digest': 'true', tags: 'r/a' },
      /Input "load": "true" cannot be combined with push-by-digest/,
    ],
    [
      { call: 'check', push: 'true', tags: 'r/a:1' },
      /Input "call": "check" builds no image, so it cannot be combined with a push/,
    ],
    [{ call: 'check', nodes: 'linux/arm64=ssh://b@arm1' }, /cannot be combined with nodes/],
    [{ call: 'check; rm' }, /Input "call"/],
    [{ secrets: 'NOEQUALS' }, /Input "secrets": "\*\*\*" is not ID=VALUE/],
    [{ secrets: 'A B=x' }, /Input "secrets": "A B=\*\*\*" is not ID=VALUE/],
    [
      { secrets: '"A=never closed' },
      /Input "secrets": "\*\*\*" opens a quote on line 1 that is never closed/,
    ],
    [
      { 'secret-envs': 'A=not-a-var' },
      /Input "secret-envs": "A=not-a-var" does not name an environment variable/,
    ],
    [{ 'secret-files': 'nopath' }, /Input "secret-files": "nopath" is not ID=PATH/],
    [
      { annotations: 'manfiest:a=b' },
      /Input "annotations": "manfiest:a=b" names the level "manfiest"/,
    ],
    [{ annotations: 'no equals' }, /Input "annotations": "no equals" is not an annotation/],
    [{ attests: 'mode=max' }, /Input "attests": "mode=max" names no attestation type/],
    [{ 'build-contexts': 'justaname' }, /Input "build-contexts": "justaname" is not NAME=VALUE/],
    [{ ssh: 'default=' }, /Input "ssh": "default=" is not an ssh agent or key/],
    [{ 'add-hosts': 'nohost' }, /Input "add-hosts": "nohost" is not HOST:IP/],
    [{ allow: '--privileged' }, /Input "allow": "--privileged" is not an entitlement/],
    [{ ulimit: 'nofile' }, /Input "ulimit": "nofile" is not a ulimit/],
    [{ 'shm-size': 'big' }, /Input "shm-size"/],
    [{ network: 'host --privileged' }, /Input "network"/],
    [{ 'cgroup-parent': '--x' }, /Input "cgroup-parent"/],
    [{ 'no-cache-filters': '-stage' }, /Input "no-cache-filters"/],
    [
      { 'cache-to': 'type=gha,Scope=x' },
      /Input "cache-to": .* is not a cache spec \("Scope=x" is not key=value\)/,
    ],
    [
      { 'cache-from': 'type=registry,ref=x y' },
      /Input "cache-from": "x y" is not a valid image reference/,
    ],
    [{ labels: '"k=v' }, /Input "labels": "\\"k=v" opens a quote on line 1 that is never closed/],
  ])('%j', (values, message) => {
    expect(() => parseInputs((n) => ({ ...base, ...values })[n] ?? '')).toThrow(message);
  });

  it('call: check says which inputs it does not use', async () => {
    await argvFor({ ...base, call: 'check', tags: 'app:1', outputs: 'type=local,dest=out' });
    expect(written.join('\n')).toMatch(
      /::warning::call: check makes no image, so tags, outputs are not used\. Drop them for this step, or drop call to build\./,
    );
  });

  it('ssh: default without an agent fails before the build, with the fix', async () => {
    await expect(argvFor({ ...base, ssh: 'default' })).rejects.toThrow(
      /Input "ssh": "default" needs an ssh agent, and SSH_AUTH_SOCK is not set\. Fix:/,
    );
  });

  it('outputs beside the image need one build: per-platform loads refuse them', () => {
    const inputs = parseInputs(
      (n) => ({ context: 'app', outputs: 'type=local,dest=out' })[n] ?? '',
    );
    expect(() =>
      planRun(inputs, [localWorker({ ...engine, containerdStore: false }, inputs.platforms)], {
        tempDir: '/t',
      }),
    ).toThrow(
      /Input "outputs": "type=local,dest=out" would be written by 2 builds at once.*Turn on the containerd image store/,
    );
  });

  it('type=gha without the runner variables warns, naming them', async () => {
    await argvFor({ ...base, 'cache-from': 'type=gha' });
    expect(written.join('\n')).toMatch(
      /type=gha: buildx reads ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL from the environment/,
    );
    written = [];
    await argvFor(
      { ...base, 'cache-from': 'type=gha' },
      { env: { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://results' } },
    );
    expect(written.join('\n')).not.toMatch(/type=gha/);
  });
});
