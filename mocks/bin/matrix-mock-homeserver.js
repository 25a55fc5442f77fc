#!/usr/bin/env node
// The bin, as a file that exists before the build: npm links a workspace's bins when it installs,
// which is before `prepare` has compiled dist/ (docs/decisions/013).
import '../dist/cli.js';
