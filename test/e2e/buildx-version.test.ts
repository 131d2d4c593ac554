/**
 * buildx-version on a runner whose buildx is not the one asked for: the action
 * fetches the release into the runner's tool cache (verified against the
 * release's checksums.txt), uses it for this run only, and finds it in the
 * cache the next time. The "release" is Debian's real buildx binary, served
 * from 127.0.0.1.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAvailable, makeContext, runAction } from './harness';

const hasEngine = engineAvailable();
const PLUGIN = '/usr/libexec/docker/cli-plugins/docker-buildx';

describe.skipIf(!hasEngine)(
  'buildx-version (real engine, releases served on loopback)',
  { timeout: 300_000 },
  () => {
    let server: Server;
    let base: string;
    const requests: string[] = [];
    const toolCache = mkdtempSync(path.join(os.tmpdir(), 'multiarch-toolcache-'));
    const userPlugins = path.join(os.homedir(), '.docker', 'cli-plugins');
    const listPlugins = () =>
      existsSync(userPlugins) ? readdirSync(userPlugins).sort().join(',') : '(none)';

    beforeAll(async () => {
      const binary = readFileSync(PLUGIN);
      const sum = createHash('sha256').update(binary).digest('hex');
      const files: Record<string, Buffer | string> = {
        '/v9.9.9/buildx-v9.9.9.linux-amd64': binary,
        '/v9.9.9/checksums.txt': `${sum}  buildx-v9.9.9.linux-amd64\n`,
        // A release whose binary does not match its checksum.
        '/v9.9.8/buildx-v9.9.8.linux-amd64': binary,
        '/v9.9.8/checksums.txt': `${'0'.repeat(64)}  buildx-v9.9.8.linux-amd64\n`,
      };
      server = createServer((req, res) => {
        requests.push(req.url ?? '');
        const body = files[req.url ?? ''];
        res.writeHead(body === undefined ? 404 : 200);
        res.end(body ?? 'not found');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const addr = server.address();
      base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    });
    afterAll(() => server?.close());

    const run = (version: string) =>
      runAction(
        {
          context: makeContext({ copyFrom: '${TARGETARCH}' }),
          platforms: 'linux/amd64',
          push: 'false',
          'buildx-version': version,
          'buildx-download-url': base,
        },
        { env: { RUNNER_TOOL_CACHE: toolCache } },
      );

    it('fetches, verifies and caches it once; the second run finds it in the cache and downloads nothing', async () => {
      const pluginsBefore = listPlugins();
      const first = await run('v9.9.9');
      expect(first.exitCode, first.stdout).toBe(0);
      expect(first.stdout).toContain(
        'Fetching buildx v9.9.9 for this run: buildx-version v9.9.9 is requested',
      );
      expect(first.stdout).toContain('buildx v9.9.9 downloaded, checksum verified, and cached');
      expect(requests.sort()).toEqual([
        '/v9.9.9/buildx-v9.9.9.linux-amd64',
        '/v9.9.9/checksums.txt',
      ]);
      expect(
        existsSync(path.join(toolCache, 'docker-buildx', '9.9.9', 'x64', 'docker-buildx')),
      ).toBe(true);

      requests.length = 0;
      const second = await run('v9.9.9');
      expect(second.exitCode, second.stdout).toBe(0);
      expect(second.stdout).toContain('buildx v9.9.9 found in the tool cache');
      expect(requests).toEqual([]);
      // The user's own plugins are never changed; post removed the run's config.
      expect(listPlugins()).toBe(pluginsBefore);
      expect(readdirSync(second.runnerTemp)).toEqual([]);
    });

    it('refuses a binary whose checksum does not match, naming both sums', async () => {
      const bad = await run('v9.9.8');
      expect(bad.exitCode).toBe(1);
      expect(bad.stdout).toMatch(
        /buildx-v9\.9\.8\.linux-amd64 has sha256 [0-9a-f]{64}, but checksums\.txt says 0{64}: not used/,
      );
      expect(existsSync(path.join(toolCache, 'docker-buildx', '9.9.8'))).toBe(false);
    });
  },
);
