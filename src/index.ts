/**
 * The entry the runner starts for main (and for post where an action.yml
 * names it there). The engine probe's docker calls start first
 * (head-start.ts); the rest of the action is a chunk of its own, loaded and
 * compiled while they run.
 */
import { probeArgv, startEarly } from './docker/head-start';
import { STATE_NAMES } from './runner/post-state';

if (process.env[`STATE_${STATE_NAMES.isPost}`] !== 'true') startEarly(probeArgv(['docker']));
await import('./main');
