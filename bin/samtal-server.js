#!/usr/bin/env node
// The installed command; the server itself is built into dist/server/ by scripts/build-server.ts.
import '../dist/server/main.js';
