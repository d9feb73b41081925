import { build } from 'vite';

/**
 * The end-to-end tests serve the built web app: build it once, before they start — the production build
 * people get (Vitest sets NODE_ENV=test, which would otherwise bundle React's development build).
 */
export default async function setup() {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ logLevel: 'error' });
  } finally {
    process.env.NODE_ENV = before;
  }
}
