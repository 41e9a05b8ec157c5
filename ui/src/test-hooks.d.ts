/**
 * True in a UI built with AMICUS_TEST_HOOKS=1 (vite.config.ts), for a shell
 * built with its `test-hooks` feature: `make e2e`, `make screenshots` and
 * `make bench`. The hooks it guards (a test's fixed export path, the
 * start-up report, the live preview's marks) are compiled out otherwise.
 */
declare const __TEST_HOOKS__: boolean;
