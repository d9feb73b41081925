import { setPriority } from 'node:os';

/**
 * Each test worker (and the Chromium it starts) runs at a lower priority than the runner: with three workers
 * on two cores, the runner still answers them at once, so a busy machine slows the run down but never makes a
 * worker's report time out.
 */
try {
  setPriority(10);
} catch {
  // a system that refuses to change priorities runs the workers as they are
}
