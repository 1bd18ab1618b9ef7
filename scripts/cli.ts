import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

// The one way every command-line script reads its flags: `node:util` parseArgs in strict mode,
// so `--name value` and `--name=value` both work, `--help` lists the flags, and an unknown or
// malformed flag is a usage error (exit 2) that names it (docs/decisions/0045-one-flag-syntax-for-scripts.md).

export interface FlagSpec {
  type: "string" | "boolean";
  description: string;
  /** How the value reads in the help, e.g. "N" in `--steps N`. */
  placeholder?: string;
}

export interface CommandSpec<F extends Record<string, FlagSpec>> {
  /** The first help line, e.g. "npm run db:rollback -- [--steps N]". */
  usage: string;
  description: string;
  flags: F;
  /** Names the positional arguments in the help; without it, positionals are refused. */
  positionals?: string;
  /** Unknown flags this matches are handed to another tool instead of refused (Lighthouse CI's `--collect.*`). */
  forwards?: RegExp;
  /** Flags (switches only) stop at the first positional: it and what follows are a command to run, left as they are. */
  wrapsCommand?: boolean;
}

type FlagValues<F extends Record<string, FlagSpec>> = {
  [K in keyof F]?: F[K]["type"] extends "string" ? string : boolean;
};

export interface ParsedCommand<F extends Record<string, FlagSpec>> {
  help: boolean;
  values: FlagValues<F>;
  positionals: string[];
  /** The forwarded flags, as they were written. */
  forwarded: string[];
}

/** A bad command line: the message names the flag, and the script exits with status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Keeps the flags' literal types, so parsed values are typed `string` or `boolean`. */
export function defineCommand<const F extends Record<string, FlagSpec>>(spec: CommandSpec<F>): CommandSpec<F> {
  return spec;
}

export function helpText<F extends Record<string, FlagSpec>>(spec: CommandSpec<F>): string {
  const rows = Object.entries(spec.flags).map(([name, flag]) => [
    `--${name}${flag.type === "string" ? ` ${flag.placeholder ?? "VALUE"}` : ""}`,
    flag.description,
  ]);
  rows.push(["--help", "show this help"]);
  const width = Math.max(...rows.map(([left]) => left!.length));
  const lines = rows.map(([left, right]) => `  ${left!.padEnd(width)}  ${right}`);
  return `usage: ${spec.usage}\n\n${spec.description}\n\nFlags (\`--name value\` or \`--name=value\`):\n${lines.join("\n")}\n`;
}

// parseArgs' own messages suggest `--` tricks that make no sense to a script's user.
function usageMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const flag = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown flag ${flag}`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument ${/'([^']*)'/.exec(message)?.[1]}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return message.includes("does not take") ? `${flag} takes no value` : `${flag} needs a value`;
  }
  return message;
}

export function parseCommand<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
  argv: readonly string[],
): ParsedCommand<F> {
  if (spec.wrapsCommand) {
    const start = argv.findIndex((arg) => arg === "--" || !arg.startsWith("-"));
    if (start !== -1) {
      const parsed = parseCommand({ ...spec, wrapsCommand: false, positionals: undefined }, argv.slice(0, start));
      return { ...parsed, positionals: argv.slice(start + (argv[start] === "--" ? 1 : 0)) };
    }
  }
  const forwarded: string[] = [];
  const own = spec.forwards
    ? argv.filter((arg) => {
        const name = /^--([^=]+)/.exec(arg)?.[1];
        const forward = name !== undefined && !(name in spec.flags) && spec.forwards!.test(name);
        if (forward) forwarded.push(arg);
        return !forward;
      })
    : [...argv];
  const options = Object.fromEntries(Object.entries(spec.flags).map(([name, flag]) => [name, { type: flag.type }]));
  try {
    const { values, positionals } = parseArgs({
      args: own,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: spec.positionals !== undefined,
      strict: true,
    });
    const { help, ...flags } = values;
    return { help: help === true, values: flags as FlagValues<F>, positionals, forwarded };
  } catch (error) {
    throw new UsageError(usageMessage(error), { cause: error });
  }
}

/** A flag's value as a whole number of at least `min`, or undefined when the flag is absent. */
export function wholeNumber(name: string, value: string | undefined, min: number, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === "" || !Number.isInteger(number) || number < min || number > max) {
    const range = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be a whole number ${range} (got "${value}")`);
  }
  return number;
}

/**
 * Whether the module at `moduleUrl` is the script Node was asked to run. Compares URLs, not
 * strings built by hand, so a checkout path with a space or an accent still matches; the
 * entry is resolved through symlinks the way Node resolves the main module.
 */
export function isMainModule(moduleUrl: string, entry = process.argv[1]): boolean {
  if (!entry) return false;
  const candidates = [entry];
  try {
    candidates.push(realpathSync(entry));
  } catch {
    // An entry that does not exist on disk (node -e) is not this module.
  }
  return candidates.some((candidate) => pathToFileURL(candidate).href === moduleUrl);
}

export interface MainScript<F extends Record<string, FlagSpec>, T> {
  spec: CommandSpec<F>;
  /** Turns the command line into the script's options; throws UsageError on a bad flag or value. */
  options: (argv: readonly string[]) => T;
  /** Resolves with an exit code to end the process with it, or nothing to let it end on its own. */
  main: (options: T) => Promise<number | void>;
  /** Reports a failure; the exit code is already 1 (call process.exit to end at once). */
  onError: (error: unknown) => void;
}

/** Runs a script's main when the module is the entry point: --help, usage errors (exit 2), failures (exit 1). */
export function runMain<F extends Record<string, FlagSpec>, T>(
  moduleUrl: string,
  script: MainScript<F, T>,
  argv = process.argv.slice(2),
): void {
  if (!isMainModule(moduleUrl)) return;
  let options: T;
  try {
    const parsed = parseCommand(script.spec, argv);
    if (parsed.help) {
      process.stdout.write(helpText(script.spec));
      return;
    }
    options = script.options(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nusage: ${script.spec.usage} (--help lists the flags)\n`);
    process.exit(2);
  }
  script.main(options).then(
    (code) => {
      if (code !== undefined) process.exit(code);
    },
    (error: unknown) => {
      process.exitCode = 1;
      script.onError(error);
    },
  );
}
