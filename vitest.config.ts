import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests count model requests: a response cache shared between them would answer some. The
    // cache's own tests unset this.
    env: { KAVAK_NO_CACHE: '1' },
  },
});
