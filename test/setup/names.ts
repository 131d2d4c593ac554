/** Where a suite's workers write every uniqueName they hand out: its images carry them (leftovers.ts). */
export const NAMES_FILE = 'unique-names';
