// @ts-check
import preact from '@astrojs/preact';
import { defineConfig, passthroughImageService } from 'astro/config';

// Telemetry stays off: set ASTRO_TELEMETRY_DISABLED=1 in the environment (the npm scripts and CI do).

// In AWS, proposal attachments go straight to the uploads bucket (a presigned S3 POST): its origin, e.g.
// https://<bucket>.s3.<region>.amazonaws.com, must be allowed to receive them. Locally uploads stay on 'self'.
const uploadOrigin = process.env.KONSULTO_UPLOAD_ORIGIN;
if (uploadOrigin && !/^https:\/\/[a-z0-9.-]+$/.test(uploadOrigin)) {
  throw new Error(`KONSULTO_UPLOAD_ORIGIN must be an https origin, not "${uploadOrigin}"`);
}

// In AWS, the staff console exchanges its sign-in code at the Cognito hosted domain, e.g.
// https://<prefix>.auth.<region>.amazoncognito.com: that origin must be reachable by fetch.
const authOrigin = process.env.KONSULTO_AUTH_ORIGIN;
if (authOrigin && !/^https:\/\/[a-z0-9.-]+$/.test(authOrigin)) {
  throw new Error(`KONSULTO_AUTH_ORIGIN must be an https origin, not "${authOrigin}"`);
}
const connectSources = ["'self'", uploadOrigin, authOrigin].filter(Boolean).join(' ');

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
  // Content-Security-Policy as a <meta> element on every page. Island hydration needs Astro's small inline scripts
  // and style; Astro hashes them (and every bundled script and stylesheet) at build time, so no 'unsafe-inline' is
  // needed and nothing else inline can run. The same policy suits a response header (frame-ancestors can only be
  // set there; the CDN adds it with the other security headers).
  security: {
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'none'",
        `connect-src ${connectSources}`,
        "img-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
      ],
    },
  },
  devToolbar: { enabled: false },
  vite: {
    build: { assetsInlineLimit: 0 },
    // `astro dev` forwards API calls to the local runtime (npm start) so tallies work in development.
    server: { proxy: { '/api': process.env.KONSULTO_API_ORIGIN ?? 'http://localhost:8080' } },
  },
});
