import { expect, it } from 'vitest';
import { sshExitArgs } from '../../../../src/engine/session/cleanup';

it("closes each ssh node's shared connection with its own port and user", () => {
  expect(
    sshExitArgs({
      config: '/t/ssh/ssh_config',
      realSsh: '/usr/bin/ssh',
      binDir: '/t/ssh/bin',
      controlDir: '/tmp/mcm-1',
      targets: [{ user: 'b', host: 'arm1', port: 2222 }, { host: 'arm2' }],
    }),
  ).toEqual([
    ['/usr/bin/ssh', '-F', '/t/ssh/ssh_config', '-O', 'exit', '-p', '2222', '-l', 'b', 'arm1'],
    ['/usr/bin/ssh', '-F', '/t/ssh/ssh_config', '-O', 'exit', 'arm2'],
  ]);
});
