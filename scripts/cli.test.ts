import { realpathSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defineCommand, helpText, isMainModule, parseCommand, runMain, UsageError, wholeNumber } from "./cli";

const command = defineCommand({
  usage: "npm run example -- [--dry-run] [--size N]",
  description: "An example command.",
  flags: {
    "dry-run": { type: "boolean", description: "change nothing" },
    size: { type: "string", placeholder: "N", description: "how many" },
  },
});

describe("parseCommand", () => {
  it("reads `--name value` and `--name=value` alike", () => {
    expect(parseCommand(command, ["--size", "3", "--dry-run"]).values).toEqual({ size: "3", "dry-run": true });
    expect(parseCommand(command, ["--size=3"]).values).toEqual({ size: "3" });
    expect(parseCommand(command, ["--size=a=b"]).values).toEqual({ size: "a=b" });
    expect(parseCommand(command, []).help).toBe(false);
    expect(parseCommand(command, ["--help"]).help).toBe(true);
  });

  it("names an unknown flag, a missing value, a value given to a switch and a stray argument", () => {
    const failure = (argv: string[]) => {
      try {
        parseCommand(command, argv);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error(`${argv.join(" ")} was accepted`);
    };
    expect(failure(["--sise", "3"])).toBe("unknown flag --sise");
    expect(failure(["--size"])).toBe("--size needs a value");
    expect(failure(["--dry-run=yes"])).toBe("--dry-run takes no value");
    expect(failure(["extra"])).toBe("unexpected argument extra");
  });

  it("leaves a wrapped command's arguments alone", () => {
    const wrapper = defineCommand({
      usage: "wrap [--as-is] COMMAND",
      description: "Runs a command.",
      flags: { "as-is": { type: "boolean", description: "as it is" } },
      positionals: "COMMAND",
      wrapsCommand: true,
    });
    const parsed = parseCommand(wrapper, ["--as-is", "tsx", "seed.ts", "--reset", "--help"]);
    expect(parsed).toMatchObject({
      help: false,
      values: { "as-is": true },
      positionals: ["tsx", "seed.ts", "--reset", "--help"],
    });
    expect(parseCommand(wrapper, ["--", "--odd-binary"]).positionals).toEqual(["--odd-binary"]);
    expect(() => parseCommand(wrapper, ["--as-si", "next"])).toThrow("unknown flag --as-si");
  });

  it("hands the flags it is told to forward to the tool behind it", () => {
    const lighthouse = defineCommand({ usage: "lh", description: "d", flags: {}, forwards: /^collect\./ });
    expect(parseCommand(lighthouse, ["--collect.numberOfRuns=1"]).forwarded).toEqual(["--collect.numberOfRuns=1"]);
    expect(() => parseCommand(lighthouse, ["--numberOfRuns=1"])).toThrow("unknown flag --numberOfRuns");
  });
});

describe("helpText", () => {
  it("lists every flag with its value and description, and --help", () => {
    const help = helpText(command);
    expect(help).toMatch(/^usage: npm run example -- \[--dry-run\] \[--size N\]\n\nAn example command\./);
    expect(help).toMatch(/^ {2}--dry-run +change nothing$/m);
    expect(help).toMatch(/^ {2}--size N +how many$/m);
    expect(help).toMatch(/^ {2}--help +show this help$/m);
  });
});

describe("wholeNumber", () => {
  it("accepts whole numbers in range and names the flag otherwise", () => {
    expect(wholeNumber("size", undefined, 1)).toBeUndefined();
    expect(wholeNumber("size", "0", 0)).toBe(0);
    for (const bad of ["", "1.5", "abc", "-1", "11"]) {
      expect(() => wholeNumber("size", bad, 0, 10)).toThrow(
        `--size must be a whole number from 0 to 10 (got "${bad}")`,
      );
    }
  });
});

describe("isMainModule", () => {
  it("matches the entry by URL, spaces and accents included", () => {
    const entry = path.join(path.sep, "tmp", "mon dépôt", "scripts", "seed.ts");
    expect(isMainModule(pathToFileURL(entry).href, entry)).toBe(true);
    // What the string comparison it replaces built, and failed to match.
    expect(`file://${entry}`).not.toBe(pathToFileURL(entry).href);
    expect(isMainModule(pathToFileURL(entry).href, path.join(path.sep, "tmp", "other.ts"))).toBe(false);
    expect(isMainModule(pathToFileURL(entry).href, undefined)).toBe(false);
  });
});

describe("runMain", () => {
  const entry = pathToFileURL(realpathSync(process.argv[1] ?? "")).href;
  const exit = (code?: number | string | null) => {
    throw new Error(`exit ${code}`);
  };

  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it("runs nothing when the module is not the entry point", () => {
    const main = vi.fn(async () => {});
    runMain("file:///somewhere/else.ts", { spec: command, options: () => ({}), main, onError: () => {} }, []);
    expect(main).not.toHaveBeenCalled();
  });

  it("prints the help on --help, and nothing runs", () => {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const main = vi.fn(async () => {});
    runMain(entry, { spec: command, options: () => ({}), main, onError: () => {} }, ["--help"]);
    expect(stdout).toHaveBeenCalledWith(helpText(command));
    expect(main).not.toHaveBeenCalled();
  });

  it("exits 2 on a usage error, naming the flag", () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    vi.spyOn(process, "exit").mockImplementation(exit);
    const script = {
      spec: command,
      options: (argv: readonly string[]) => parseCommand(command, argv),
      main: async () => {},
    };
    expect(() => runMain(entry, { ...script, onError: () => {} }, ["--sise"])).toThrow("exit 2");
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/^unknown flag --sise\nusage: npm run example/));
  });

  it("ends with main's exit code, or 1 after reporting a failure", async () => {
    const exited = vi.spyOn(process, "exit").mockImplementation((() => undefined) as typeof process.exit);
    const options = (argv: readonly string[]) => parseCommand(command, argv).values;
    const seen: unknown[] = [];
    runMain(entry, { spec: command, options, main: async (values) => (seen.push(values), 3), onError: () => {} }, [
      "--size=2",
    ]);
    await vi.waitFor(() => expect(exited).toHaveBeenCalledWith(3));
    expect(seen).toEqual([{ size: "2" }]);

    const onError = vi.fn();
    const failure = new Error("boom");
    runMain(entry, { spec: command, options, main: () => Promise.reject(failure), onError }, []);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(failure));
    expect(process.exitCode).toBe(1);
  });
});
