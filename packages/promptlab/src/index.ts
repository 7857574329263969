// The PromptLab SDK: runs in Node 20+, edge runtimes and browsers (global fetch, no Node built-ins).
export { PromptLab } from './client/prompt-lab.js';
export type { FallbackPrompt, GetPromptOptions, Prompt, PromptLabOptions, PromptSource, RenderOptions, RunInput } from './client/prompt-lab.js';
export { PromptLabError } from './client/errors.js';
export type { FieldError } from './client/errors.js';
export type { CacheOptions } from './client/prompt-cache.js';
export type { RequestOptions } from './client/http.js';
export type { LabelMove, ListOptions, WaitOptions } from './client/resources.js';
export { compilePrompt } from './client/template.js';
export type * from './client/types.js';
export type { components, paths } from './generated/api.js';
