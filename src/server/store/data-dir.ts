/** Where the demo keeps its data between runs (git-ignored), relative to the project root. */
export const DEMO_DATA_DIR = '.standin-data/demo';
