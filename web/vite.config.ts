import react from '@vitejs/plugin-react';
import { defineConfig, type Connect, type Plugin } from 'vite';

/** The web folder (this file's folder); the repository root is its parent. */
const webRoot = import.meta.dirname;
const repoRoot = `${webRoot}/..`;

/**
 * Serves /config.json (WebConfig) from the BH_WEB_CONFIG environment variable, so the same build
 * runs locally and in AWS (where CloudFront serves the file the deployment wrote). 404 when unset.
 */
const webConfig = (): Plugin => {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/config.json' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    const body = process.env.BH_WEB_CONFIG;
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (!body) {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: 'BH_WEB_CONFIG is not set' }));
      return;
    }
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  return {
    name: 'bh-web-config',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
};

export default defineConfig({
  root: webRoot,
  plugins: [react(), webConfig()],
  // The Chime SDK (loaded later, on the call screen only) expects Node's `global`.
  define: { global: 'globalThis' },
  resolve: {
    // Features import shared code as @lib/…: the lint rule that keeps features apart also
    // rejects a relative ../../lib path (its "!../../lib/**" exception never matches).
    alias: { '@lib': `${webRoot}/lib` },
  },
  server: {
    // The web imports the contracts and pure domain rules from ../functions.
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
