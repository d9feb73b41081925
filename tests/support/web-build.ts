import { build } from 'vite';

/** The end-to-end tests serve the built web app: build it once, before they start. */
export default async function setup() {
  await build({ logLevel: 'error' });
}
