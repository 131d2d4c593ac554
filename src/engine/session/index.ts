/**
 * One engine session per run, in four parts: open (temp dir, prefix, state,
 * one probe of the engine), toolchain (the engine and buildx a build needs),
 * login (registries, into the run's private config) and cleanup (post).
 */
export { remember, type Session } from './session';
export { openSession, type SessionOptions } from './open';
export { readyToBuild } from './toolchain';
export { cleanup, sshExitArgs } from './cleanup';
