/** The inputs that say how every platform is tested: the same in all three actions. */
import { checkRef, bool, InputError, integer, keyValue, list, regex } from '../../runner/inputs';
import { parseProbe, ProbeError, type Probe } from '../../verify/probe';
import { splitCommand } from '../../runner/words';
import type { SmokeSettings } from '../../verify/smoke';
import { declareInputs, defaultOf, inputReader, type Get, type InputName } from './input-spec';

/** The pinned binfmt installer, run only when an emulator is missing. */
export const DEFAULT_QEMU_IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v7.0.0-28';

/**
 * How images are run: the same inputs, in this order and with these words, in every action of
 * the repository. Declared here, beside the code that reads them; specs.ts puts them in each
 * action's spec.
 */
export const SMOKE_INPUTS = declareInputs([
  {
    name: 'smoke',
    description: "Run every platform's image and fail that platform when it does not run.",
    default: 'true',
    boolean: true,
  },
  {
    name: 'smoke-command',
    description:
      "Command for the smoke run (words, or a JSON array), appended to the image's entrypoint. The image's own command when empty.",
  },
  {
    name: 'smoke-expect',
    description: "Regular expression the smoke run's output must match.",
  },
  {
    name: 'smoke-timeout',
    description: 'Seconds before a smoke run is killed and its platform fails.',
    default: '60',
  },
  {
    name: 'smoke-probe',
    description:
      'Test a server as a cluster runs it: start the image detached with its real entrypoint (or smoke-command) and wait until it is ready. http://:PORT/PATH passes on a 2xx or 3xx answer, tcp://:PORT when a connection is accepted, healthcheck when the image’s HEALTHCHECK reports healthy, log:REGEX when its output matches. smoke-timeout bounds the wait per platform.',
  },
  {
    name: 'smoke-env',
    description: "Environment for the smoke run's container, one KEY=VALUE per line.",
  },
  {
    name: 'verify-arch',
    description:
      "Read the ELF headers of every executable in each platform's image and fail that platform on any built for another architecture.",
    default: 'true',
    boolean: true,
  },
  {
    name: 'qemu-image',
    description: 'Binfmt installer image, used only when an emulator is missing.',
    default: DEFAULT_QEMU_IMAGE,
  },
]);

/** The names of SMOKE_INPUTS, in order. */
export const SMOKE_INPUT_NAMES: readonly string[] = SMOKE_INPUTS.map((i) => i.name);

export type SmokeInput = InputName<typeof SMOKE_INPUTS>;

/** How every platform is tested: the same inputs in every action. */
export function smokeInputs(read: Get<SmokeInput>): SmokeSettings {
  const { get } = inputReader(SMOKE_INPUTS, read);
  const expect = get('smoke-expect').trim();
  const timeoutExample = Number(defaultOf(SMOKE_INPUTS, 'smoke-timeout'));
  return {
    smoke: bool('smoke', get('smoke')),
    smokeCommand: splitCommand(get('smoke-command')),
    smokeExpect: expect ? regex('smoke-expect', expect) : undefined,
    smokeTimeoutSeconds: integer('smoke-timeout', get('smoke-timeout'), timeoutExample, 1, 3600),
    verifyArch: bool('verify-arch', get('verify-arch')),
    qemuImage: checkRef('qemu-image', get('qemu-image').trim()),
    smokeProbe: probeInput(get('smoke-probe')),
    smokeEnv: list(get('smoke-env'), false).map((l) =>
      keyValue('smoke-env', l, /^[A-Za-z_][A-Za-z0-9_]*$/),
    ),
  };
}

function probeInput(raw: string): Probe | undefined {
  try {
    return parseProbe(raw);
  } catch (err) {
    if (err instanceof ProbeError)
      throw new InputError('smoke-probe', raw.trim(), 'is not valid', err.message, { cause: err });
    throw err;
  }
}
