/**
 * Component tests: unmount what each test rendered. vitest runs without
 * globals, so @testing-library/preact cannot register its own cleanup.
 */
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
