// pnpm passes only a few environment variables to dependency build scripts and ignores
// `nodedir` from .npmrc. Native addons (better-sqlite3) fall back to node-gyp when no prebuilt
// binary can be downloaded, and node-gyp then needs Node's headers: point it at the headers that
// ship with the running Node (Debian's nodejs puts them in /usr/include/node) so the build works
// offline.
const fs = require('node:fs');
const path = require('node:path');

module.exports = {
  hooks: {
    updateConfig(config) {
      const prefix = path.resolve(path.dirname(process.execPath), '..');
      if (!process.env.npm_config_nodedir && fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))) {
        config.extraEnv = { ...config.extraEnv, npm_config_nodedir: prefix };
      }
      return config;
    },
  },
};
