import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { linksOf, ROOT } from "#tests/markdown";

// Decision records open with their number, date and status, and a record that replaces another
// says so in both (docs/decisions/0028-article-map-and-checked-docs.md).

const DIR = path.join(ROOT, "docs/decisions");
const RECORDS = readdirSync(DIR)
  .filter((name) => /^\d{4}-.+\.md$/.test(name))
  .sort();

interface Record {
  file: string;
  number: string;
  lines: string[];
  supersedes: string[];
  supersededBy: string[];
}

// "superseded by 0035" or "superseded by [0035](0035-….md)"; several joined by "," or "and".
function numbersAfter(status: string, words: string): string[] {
  const plain = status.replace(/\]\([^)]*\)/g, "]");
  const list = new RegExp(`${words}((?:[\\s,[\\]]|and|\\d{4})+)`).exec(plain)?.[1] ?? "";
  return [...list.matchAll(/\d{4}/g)].map(([n]) => n);
}

function read(file: string): Record {
  const lines = readFileSync(path.join(DIR, file), "utf8").split("\n");
  const status = lines.find((line) => line.startsWith("Status:")) ?? "";
  return {
    file,
    number: file.slice(0, 4),
    lines,
    supersedes: numbersAfter(status, "supersedes"),
    supersededBy: numbersAfter(status, "superseded by"),
  };
}

const records = RECORDS.map(read);
const byNumber = new Map(records.map((record) => [record.number, record]));

describe("decision records", () => {
  it.each(RECORDS)("%s opens with its number and title, then Date: and Status:", (file) => {
    const { lines, number } = read(file);
    expect(lines[0]).toMatch(new RegExp(`^# ${number} \\S`));
    const header = lines
      .slice(
        1,
        lines.findIndex((line) => line.startsWith("## ")),
      )
      .filter((line) => line.trim() !== "");
    expect(header).toEqual([expect.stringMatching(/^Date: \d{4}-\d{2}-\d{2}$/), expect.stringMatching(/^Status: \S/)]);
    expect(header[1]).toMatch(/^Status: (accepted|proposed|deprecated|superseded by|supersedes)\b/);
  });

  it("name each other when one replaces another", () => {
    const mismatches = records.flatMap((record) => [
      ...record.supersedes
        .filter((earlier) => !byNumber.get(earlier)?.supersededBy.includes(record.number))
        .map(
          (earlier) =>
            `${record.number} supersedes ${earlier}, but ${earlier} does not say "superseded by ${record.number}"`,
        ),
      ...record.supersededBy
        .filter((later) => !byNumber.get(later)?.supersedes.includes(record.number))
        .map(
          (later) =>
            `${record.number} is superseded by ${later}, but ${later} does not say "supersedes ${record.number}"`,
        ),
    ]);
    expect(mismatches).toEqual([]);
  });

  it("are all listed in the index", () => {
    const linked = new Set(linksOf(readFileSync(path.join(DIR, "README.md"), "utf8")).map((link) => link.target));
    expect(RECORDS.filter((file) => !linked.has(file))).toEqual([]);
  });

  it("have one number each", () => {
    const numbers = RECORDS.map((file) => file.slice(0, 4));
    expect(numbers.filter((number, index) => numbers.indexOf(number) !== index)).toEqual([]);
  });
});

describe("reading a status", () => {
  it("finds the numbers a record supersedes or is superseded by, linked or not", () => {
    expect(numbersAfter("Status: supersedes [0008](0008-x.md) and 0009", "supersedes")).toEqual(["0008", "0009"]);
    expect(numbersAfter("Status: superseded by 0041", "superseded by")).toEqual(["0041"]);
    expect(numbersAfter("Status: accepted", "supersedes")).toEqual([]);
  });
});
