import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // Node-environment test files (the stand-in's) have no localStorage.
  if (typeof localStorage !== 'undefined') localStorage.clear();
});
