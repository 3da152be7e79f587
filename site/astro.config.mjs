// @ts-check
import preact from '@astrojs/preact';
import { defineConfig, passthroughImageService } from 'astro/config';

// Telemetry stays off: set ASTRO_TELEMETRY_DISABLED=1 in the environment (the npm scripts and CI do).

export default defineConfig({
  site: process.env.KONSULTO_SITE_URL ?? 'http://localhost:8080',
  output: 'static',
  trailingSlash: 'always',
  integrations: [preact()],
  // No sharp: images are served as they are.
  image: { service: passthroughImageService() },
  build: {
    format: 'directory',
    // The Content-Security-Policy allows only same-origin styles and scripts: never inline them.
    inlineStylesheets: 'never',
  },
  devToolbar: { enabled: false },
  vite: {
    build: { assetsInlineLimit: 0 },
    // `astro dev` forwards API calls to the local runtime (npm start) so tallies work in development.
    server: { proxy: { '/api': process.env.KONSULTO_API_ORIGIN ?? 'http://localhost:8080' } },
  },
});
