#!/usr/bin/env node
// Placeholder until the CLI lands (h6 replaces this file): `npx promptlab --help` must work after `npm install`.
console.log('promptlab: the PromptLab CLI\n\nUsage: promptlab <command> [options]\n\nCommands are coming soon.');
