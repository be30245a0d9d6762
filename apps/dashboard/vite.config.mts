import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const libs = fileURLToPath(new URL('../../libs', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    // The libs are compiled for Node (CommonJS); the dashboard bundles their TypeScript sources instead.
    alias: [{ find: /^@switchyard\/([a-z-]+)$/, replacement: `${libs}/$1/src` }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Named, cacheable chunks for the two heavy libraries; neither is in the initial load.
        codeSplitting: {
          // Only the matched modules: React and friends must stay in the entry chunk.
          includeDependenciesRecursively: false,
          groups: [
            { name: 'charts', test: /node_modules[\\/](recharts|victory-vendor|d3-[a-z-]+|@reduxjs|react-redux|redux|reselect|immer|es-toolkit|decimal\.js-light|eventemitter3|internmap)[\\/]/ },
            { name: 'contracts', test: /node_modules[\\/]zod[\\/]|libs[\\/]contracts[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // The control plane (npm start) serves the API on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  preview: { port: 4173, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
