import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The end-to-end files are the longest: started first, they run beside the many short API files instead of
 * being left for the end (on a fresh clone there are no recorded durations to order by).
 */
export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const tier = (f: TestSpecification) => (f.project.name === 'e2e' ? 0 : 1);
    return [...sorted].sort((a, b) => tier(a) - tier(b));
  }
}
