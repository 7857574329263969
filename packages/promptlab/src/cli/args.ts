import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
import { CliError } from './errors.js';

export type Parsed = { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };

/** node:util parseArgs, with its errors turned into a message that points at the command's --help. */
export function parseCommandArgs(command: string, argv: string[], options: ParseArgsOptionsConfig, { maxPositionals = 1 } = {}): Parsed {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true }) as Parsed;
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new CliError(message, { hint: `promptlab ${command} --help` });
  }
  if (!parsed.values.help && parsed.positionals.length > maxPositionals) {
    throw new CliError(`unexpected argument \`${parsed.positionals[maxPositionals]}\``, { hint: `promptlab ${command} --help` });
  }
  return parsed;
}

export const stringOption = (parsed: Parsed, name: string): string | undefined => {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
};

export const flag = (parsed: Parsed, name: string): boolean => parsed.values[name] === true;

/** A whole number option within bounds, e.g. `--version 3`; `field` names it in the error. */
export function intOption(parsed: Parsed, name: string, { min = 1, max = Number.MAX_SAFE_INTEGER } = {}): number | undefined {
  const raw = stringOption(parsed, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) throw new CliError(`--${name} must be a whole number from ${min} to ${max}, not \`${raw}\``);
  return value;
}

/** `--var k=v` (repeatable): values stay strings; the server coerces them to the declared types. */
export function parseVarOptions(values: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const entry of values) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new CliError(`--var takes name=value, not \`${entry}\``);
    vars[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return vars;
}
