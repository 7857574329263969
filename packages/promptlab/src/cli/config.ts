import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { CliError } from './errors.js';

export type StoredConfig = { url: string; apiKey: string };
type Env = Record<string, string | undefined>;

/** `$XDG_CONFIG_HOME/promptlab/config.json`, else `~/.config/promptlab/config.json`. */
export function configPath(env: Env = process.env): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(env.HOME || homedir(), '.config');
  return path.join(base, 'promptlab', 'config.json');
}

export async function readStoredConfig(env: Env = process.env): Promise<StoredConfig | null> {
  const file = configPath(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<StoredConfig>;
    if (typeof value.url === 'string' && typeof value.apiKey === 'string') return { url: value.url, apiKey: value.apiKey };
  } catch {
    // Fall through: a broken file is reported below rather than ignored.
  }
  throw new CliError(`${file} is not a PromptLab config (expected {"url", "apiKey"})`, { hint: 'run `promptlab login` again' });
}

/** Written with mode 0600: the file holds an API key. */
export async function writeStoredConfig(config: StoredConfig, env: Env = process.env): Promise<string> {
  const file = configPath(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // writeFile keeps an existing file's mode
  return file;
}

/**
 * PROMPTLAB_URL and PROMPTLAB_API_KEY win over what `login` stored. The stored key belongs to the stored URL: it is
 * never sent to another server named by PROMPTLAB_URL.
 */
export async function resolveConnection(env: Env = process.env): Promise<StoredConfig> {
  const stored = env.PROMPTLAB_URL && env.PROMPTLAB_API_KEY ? null : await readStoredConfig(env);
  const rawUrl = env.PROMPTLAB_URL || stored?.url;
  if (!rawUrl) throw new CliError('no server URL: set PROMPTLAB_URL and PROMPTLAB_API_KEY, or run `promptlab login`');
  const url = normalizeUrl(rawUrl);
  if (env.PROMPTLAB_API_KEY) return { url, apiKey: env.PROMPTLAB_API_KEY };
  if (stored && sameServer(stored.url, url)) return { url, apiKey: stored.apiKey };
  throw new CliError(`no API key for ${url}: run promptlab login --url ${url} or set PROMPTLAB_API_KEY`);
}

function sameServer(storedUrl: string, url: string): boolean {
  try {
    return normalizeUrl(storedUrl) === url;
  } catch {
    return false;
  }
}

export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`\`${url}\` is not a URL: use the address you open PromptLab at, like https://promptlab.example.com`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliError(`\`${url}\` must start with http:// or https://`);
  return parsed.toString().replace(/\/+$/, '');
}
