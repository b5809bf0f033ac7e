import { describe, expect, it } from "vitest";
import {
  containsNationalId,
  findNationalId,
  isNationalIdNumber,
  nationalIdMessage,
  normaliseForIdCheck,
} from "../../server/shared/personal-number";

// Valid numbers made for these tests (both mod-11 control digits match), not real people.
const FNR = "01019012480"; // 1 January 1990
const FNR2 = "24128545650"; // 24 December 1985
const D_NUMBER = "41019012393"; // D-nummer: 4 added to the day's first digit
const H_NUMBER = "01529012310"; // H-nummer / Dolly: 40 added to the month
const FNR3 = "12038011144"; // 12 March 1980
const LEAP = "29020434552"; // 29 February 2004

/** The same nine digits with valid control digits, for synthetic numbers built in the test. */
function withControls(nine: string): string {
  const n = controlled(nine);
  if (!n) throw new Error(`${nine} has no valid control digits; pick other digits`);
  return n;
}
function controlled(nine: string): string | null {
  const k = (digits: number[], weights: number[]) => {
    const r = 11 - (weights.reduce((a, w, i) => a + w * digits[i], 0) % 11);
    return r === 11 ? 0 : r;
  };
  const d = [...nine].map(Number);
  const k1 = k(d, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
  if (k1 === 10) return null;
  const k2 = k([...d, k1], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k2 === 10 ? null : `${nine}${k1}${k2}`;
}
/** A synthetic Tenor number (80 added to the month) with valid control digits. */
function tenor(): string {
  for (let i = 100; i < 999; i++) {
    const n = controlled(`018190${i}`);
    if (n) return n;
  }
  throw new Error("no synthetic number");
}

/** Breaks a valid number's last control digit. */
const wrongControl = (n: string) => `${n.slice(0, 10)}${(Number(n[10]) + 1) % 10}`;

describe("isNationalIdNumber", () => {
  it.each([
    ["a fødselsnummer", FNR, true],
    ["another fødselsnummer", FNR2, true],
    ["a D-nummer", D_NUMBER, true],
    ["an H-nummer (month + 40)", H_NUMBER, true],
    ["a synthetic Tenor number (month + 80)", tenor(), true],
    ["a fødselsnummer born 12 March 1980", FNR3, true],
    ["29 February in a leap year", LEAP, true],
    ["a wrong second control digit", wrongControl(FNR), false],
    ["a wrong first control digit", `${FNR.slice(0, 9)}${(Number(FNR[9]) + 1) % 10}${FNR[10]}`, false],
    ["11 digits that are no date (day 00)", withControls("000190123"), false],
    ["month 13", withControls("011390123"), false],
    ["31 April", withControls("310490123"), false],
    ["29 February in a year not divisible by 4", withControls("290203123"), false],
    ["the classic example 01019012345 (control digits wrong)", "01019012345", false],
    ["ten digits", FNR.slice(0, 10), false],
  ])("%s → %s", (_what, value, expected) => {
    expect(isNationalIdNumber(String(value))).toBe(expected);
  });
});

describe("normaliseForIdCheck", () => {
  it("turns full-width digits into ASCII and drops separators between digits only", () => {
    expect(normaliseForIdCheck("０１０１９０ １２４８０")).toBe("01019012480");
    expect(normaliseForIdCheck("kl. 15.30 - ring 62 55 12 34")).toBe("kl. 1530 - ring 62551234");
  });
});

describe("findNationalId: a national ID number is refused however it is written", () => {
  const nbsp = "\u00a0";
  it.each([
    ["plain", FNR],
    ["in a sentence", `Kandidaten har fnr ${FNR}, ring meg`],
    ["DDMMYY NNNNN", `${FNR.slice(0, 6)} ${FNR.slice(6)}`],
    ["with dots", `${FNR.slice(0, 2)}.${FNR.slice(2, 4)}.${FNR.slice(4, 6)}.${FNR.slice(6)}`],
    ["with several spaces", `${FNR.slice(0, 6)}    ${FNR.slice(6)}`],
    ["with a non-breaking space", `${FNR.slice(0, 6)}${nbsp}${FNR.slice(6)}`],
    ["with a narrow no-break space", `${FNR.slice(0, 6)}\u202f${FNR.slice(6)}`],
    ["with a tab and a newline", `${FNR.slice(0, 6)}\t\n${FNR.slice(6)}`],
    ["with a dash", `${FNR.slice(0, 6)}-${FNR.slice(6)}`],
    ["with an en dash", `${FNR.slice(0, 6)} – ${FNR.slice(6)}`],
    ["with a slash", `${FNR.slice(0, 6)}/${FNR.slice(6)}`],
    ["with an underscore", `${FNR.slice(0, 6)}_${FNR.slice(6)}`],
    ["digit by digit with spaces", [...FNR].join(" ")],
    ["with a zero-width space", `${FNR.slice(0, 6)}\u200b${FNR.slice(6)}`],
    ["with a soft hyphen", `${FNR.slice(0, 6)}\u00ad${FNR.slice(6)}`],
    ["in full-width digits", FNR.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))],
    ["in mathematical bold digits", FNR.replace(/\d/g, (d) => String.fromCodePoint(0x1d7ce + Number(d)))],
    ["full-width with a full-width hyphen", "０１０１９０－１２４８０"],
    ["inside a longer number (prefix)", `99${FNR}`],
    ["inside a longer number (suffix)", `${FNR}7`],
    ["inside a longer number (both ends)", `123${FNR}456`],
    ["inside a longer number written with spaces", `4 ${FNR.slice(0, 6)} ${FNR.slice(6)} 9`],
    ["in an e-mail address", `${FNR}@nav.no`],
    ["in an e-mail address, dotted", `ola.${FNR.slice(0, 6)}.${FNR.slice(6)}@nav.no`],
    ["a D-nummer with spaces", `${D_NUMBER.slice(0, 6)} ${D_NUMBER.slice(6)}`],
    ["an H-nummer", H_NUMBER],
    ["a synthetic test number", tenor()],
    ["the second of two numbers", `ref 12345678901, fnr ${FNR2}`],
  ])("%s", (_what, text) => {
    expect(findNationalId(text)).toBeDefined();
    expect(containsNationalId(text)).toBe(true);
  });

  it.each([
    ["an 8-digit phone number", "62 55 12 34"],
    ["a mobile number with +47", "+47 912 34 567"],
    ["a phone number with 0047", "0047 91234567"],
    ["two phone numbers on one line", "62551234 / 91234567"],
    ["a valid organisation number", "974 760 673"],
    ["two organisation numbers", "974760673 og 889640782"],
    ["11 digits with wrong control digits", wrongControl(FNR)],
    ["the classic 01019012345", "01019012345"],
    ["a bank account number", "1503.12.34567"],
    ["a date and a time", "10.12.2026 kl. 15.30"],
    ["a year range", "2018–2026"],
    ["times in a programme", "14:30 Informasjonsmøte\n15:00 Arbeidsgiverne kommer\n15:30 Kandidatene kommer"],
    ["a birth year alone", "født 2001"],
    ["an ordinary e-mail address", "vera.veileder@nav.no"],
    ["an empty text", ""],
  ])("lets through %s", (_what, text) => {
    expect(findNationalId(text)).toBeUndefined();
  });
});

describe("nationalIdMessage", () => {
  it("names the field and says in Norwegian what to do", () => {
    expect(nationalIdMessage("Programmet")).toBe(
      "Programmet ser ut til å inneholde et fødselsnummer eller D-nummer. Ta sjansen skal ikke lagre fødselsnumre – fjern nummeret.",
    );
  });
});
