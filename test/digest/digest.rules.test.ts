import { describe, expect, it } from "vitest";
import { parseRecipients, recipientsMessage, upcomingDigestEvents } from "../../server/digest/digest.rules";

describe("parseRecipients", () => {
  it.each([
    ["one address", "kari@nav.no", ["kari@nav.no"]],
    [
      "several lines, blanks and spaces skipped",
      "  kari@nav.no \n\n ola@nav.no\r\n",
      ["kari@nav.no", "ola@nav.no"],
    ],
    ["duplicates in any case kept once, lower-cased", "Kari@NAV.no\nkari@nav.no", ["kari@nav.no"]],
    ["an empty list", "", []],
  ])("accepts %s", (_name, text, emails) => {
    expect(parseRecipients(text)).toEqual({ ok: true, emails });
  });

  it.each([
    [
      "a missing top-level domain on line 2",
      "kari@nav.no\nola@nav",
      2,
      "«ola@nav» er ikke en gyldig e-postadresse",
    ],
    [
      "a missing @ on line 3 (blank lines count)",
      "kari@nav.no\n\nola.nav.no",
      3,
      "«ola.nav.no» er ikke en gyldig",
    ],
    ["two addresses on one line", "kari@nav.no, ola@nav.no", 1, "skriv én e-postadresse per linje"],
    ["a name with the address", "Kari Nordmann <kari@nav.no>", 1, "skriv én e-postadresse per linje"],
  ])("refuses %s with its line number", (_name, text, line, message) => {
    const r = parseRecipients(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].line).toBe(line);
    expect(r.errors[0].message).toContain(`Linje ${line}:`);
    expect(r.errors[0].message).toContain(message);
  });

  it("reports every bad line, and the message names the first three", () => {
    const r = parseRecipients("a@\nb@\nok@nav.no\nc@\nd@");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([1, 2, 4, 5]);
    expect(recipientsMessage(r.errors)).toBe(
      "Linje 1: «a@» er ikke en gyldig e-postadresse. Linje 2: «b@» er ikke en gyldig e-postadresse. Linje 4: «c@» er ikke en gyldig e-postadresse. Og 1 linje(r) til.",
    );
  });
});

describe("upcomingDigestEvents", () => {
  const now = new Date("2018-04-02T06:00:00Z");
  const ev = (id: number, status: string, date: string, deadline: string) => ({
    id,
    status,
    date,
    bookingDeadline: deadline,
  });
  it.each([
    ["an open event with its deadline ahead", [ev(1, "open", "2018-04-05", "2018-04-04T10:00:00.000Z")], [1]],
    ["a draft", [ev(1, "draft", "2018-04-05", "2018-04-04T10:00:00.000Z")], []],
    ["a closed event", [ev(1, "closed", "2018-04-05", "2018-04-04T10:00:00.000Z")], []],
    [
      "an open event whose deadline has passed",
      [ev(1, "open", "2018-04-02", "2018-04-01T10:00:00.000Z")],
      [],
    ],
    [
      "several, soonest first, at most three",
      [
        ev(1, "open", "2018-06-01", "2018-05-31T10:00:00.000Z"),
        ev(2, "open", "2018-04-05", "2018-04-04T10:00:00.000Z"),
        ev(3, "open", "2018-05-03", "2018-05-02T10:00:00.000Z"),
        ev(4, "open", "2018-09-01", "2018-08-31T10:00:00.000Z"),
      ],
      [2, 3, 1],
    ],
  ])("with %s", (_name, events, ids) => {
    expect(upcomingDigestEvents(events, now).map((e) => e.id)).toEqual(ids);
  });
});
