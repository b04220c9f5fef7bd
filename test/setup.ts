import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './msw.js';

// Any request a test did not plan for fails the test: nothing leaves the machine.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
