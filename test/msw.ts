import { setupServer } from 'msw/node';

/** The one msw server every test shares; tests add handlers with `server.use(...)`. */
export const server = setupServer();
