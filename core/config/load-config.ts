import { type Config, ConfigSchema } from './config-schema.ts';
import { type EnvironmentVariable, environmentVariables } from './environment-variables.ts';

export type { Config } from './config-schema.ts';

/** A bad or missing configuration value. Its message is one line that names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

/** Builds and validates the configuration from an environment; pure, so tests pass their own. */
export function loadConfig(environment: Environment): Config {
  const raw: Record<string, unknown> = {};
  for (const variable of environmentVariables) {
    const value = environment[variable.name];
    if (value === undefined || value.trim() === '') continue;
    setAt(raw, variable.path, decode(variable, value));
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  const variable = variableFor(path);
  const detail = issue ? issue.message : 'is invalid';
  const where =
    variable && path.length > variable.path.length
      ? ` (at ${path.slice(variable.path.length).join('.')})`
      : '';
  throw new ConfigError(
    variable?.name ?? path.join('.'),
    `${lowerFirst(detail)}${where}${shown(environment, variable)}`,
  );
}

let current: Config | undefined;

/** The process's configuration, read from `process.env` once. */
export function config(): Config {
  current ??= loadConfig(process.env);
  return current;
}

/**
 * Reads this process's environment again. Only the local world calls it, once it has put its
 * endpoints (free ports) into the environment, as Lambda sets a function's environment before
 * its first invocation.
 */
export function reloadProcessConfig(): Config {
  current = loadConfig(process.env);
  return current;
}

function decode(variable: EnvironmentVariable, value: string): unknown {
  if (variable.format === 'list')
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  if (variable.format === 'text') return value.trim();
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new ConfigError(variable.name, 'must be valid JSON');
  }
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}

function variableFor(path: readonly string[]): EnvironmentVariable | undefined {
  return environmentVariables.find((variable) => variable.path.every((key, index) => path[index] === key));
}

function shown(environment: Environment, variable: EnvironmentVariable | undefined): string {
  if (!variable || variable.format === 'json') return '';
  const value = environment[variable.name];
  if (value === undefined) return '';
  const clipped = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return ` (got "${clipped.replace(/[\r\n]+/g, ' ')}")`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
