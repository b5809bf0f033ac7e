import { describe, expect, it } from "vitest";
import { hasControlCharacters, text } from "../../server/shared/validation";

describe("text fields and control characters", () => {
  it.each([
    ["Hed\nmarken", false, true],
    ["Hed\tmarken", false, true],
    ["a\u0000b", true, true],
    ["a\u007fb", true, true],
    ["a\u0085b", true, true],
    ["Oppvask\nServering", true, false],
    ["Oppvask\r\nServering\tkl. 8", true, false],
    ["Åse-Marie Ø.", false, false],
  ])("%j (multi-line %s) has forbidden control characters: %s", (value, multiline, expected) => {
    expect(hasControlCharacters(value, multiline)).toBe(expected);
  });

  it("refuses a line break in a single-line field with a Norwegian message", () => {
    const r = text("Navn", 100).safeParse("Kari\nNordmann");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toContain("én linje");
  });

  it("keeps line breaks in a multi-line field", () => {
    expect(text("Arbeidsoppgaver", 2000, { multiline: true }).parse("Oppvask\nServering")).toBe(
      "Oppvask\nServering",
    );
  });

  it("refuses a NUL byte even in a multi-line field", () => {
    expect(text("Arbeidsoppgaver", 2000, { multiline: true }).safeParse("a\u0000b").success).toBe(false);
  });
});
