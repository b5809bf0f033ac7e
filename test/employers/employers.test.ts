import { describe, expect, it } from "vitest";
import { containsNationalId, isValidOrgNumber } from "../../server/shared/validation";
import { makeApp, signedInAgent } from "../helpers";

describe("organisation numbers (MOD11)", () => {
  it.each([
    ["974760673", true],
    ["923609016", true],
    ["974760674", false],
    ["12345678", false],
    ["97476067a", false],
  ])("%s is valid: %s", (value, ok) => {
    expect(isValidOrgNumber(value)).toBe(ok);
  });
});

describe("national identity numbers in free text", () => {
  it.each([
    ["01019012480", true],
    ["Født 010190 12480", true],
    ["01019012345 (control digits wrong)", false],
    ["tlf 62551234", false],
    ["org 974760673", false],
    ["Åse-Marie Ødegård", false],
  ])("%s contains one: %s", (value, found) => {
    expect(containsNationalId(value)).toBe(found);
  });
});

describe("employer register", () => {
  const form = (regionId: number, o: Record<string, string> = {}) => ({
    regionId: String(regionId),
    name: "Vaskebedrift AS",
    orgNumber: "974 760 673",
    sector: "private",
    industry: "Renhold",
    size: "10-49",
    iaAgreement: "on",
    contactName: "Per Hansen",
    contactPhone: "62 55 12 34",
    contactEmail: "per@vask.no",
    navOwner: "Kari",
    ...o,
  });

  it("registers an employer once and refuses a duplicate in the region", async () => {
    const t = makeApp();
    const regionId = t.regions.createRegion({ name: "Hedmarken" });
    const { agent, csrf } = await signedInAgent(t);
    await agent
      .post("/employers")
      .type("form")
      .send({ _csrf: csrf, ...form(regionId) })
      .expect(303);
    const [e] = t.employers.list(regionId);
    expect(e).toMatchObject({ orgNumber: "974760673", iaAgreement: true, sector: "private", size: "10-49" });
    const dup = await agent
      .post("/employers")
      .type("form")
      .send({ _csrf: csrf, ...form(regionId, { name: "vaskebedrift as" }) })
      .expect(422);
    expect(dup.text).toContain("finnes allerede i registeret");
    expect(t.employers.list(regionId)).toHaveLength(1);
  });

  it.each([
    [{ orgNumber: "974760674" }, "orgNumber", "kontrollsifferet"],
    [{ orgNumber: "1234" }, "orgNumber", "9 siffer"],
    [{ name: "" }, "name", "Fyll inn navn"],
    [{ contactEmail: "per@" }, "contactEmail", "gyldig e-postadresse"],
    [{ sector: "" }, "sector", "privat eller offentlig"],
    [{ industry: "Kontakt 01019012480" }, "industry", "fødselsnummer"],
  ])("refuses %o with a message on %s", async (override, field, message) => {
    const t = makeApp();
    const regionId = t.regions.createRegion({ name: "Hedmarken" });
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post("/employers")
      .type("form")
      .send({ _csrf: csrf, ...form(regionId, override) })
      .expect(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain(`href="#f-${field}"`);
    expect(t.employers.list()).toHaveLength(0);
  });

  it("creates a region, an office and a room through the pages", async () => {
    const t = makeApp();
    const { agent, csrf } = await signedInAgent(t);
    await agent.post("/regions").type("form").send({ _csrf: csrf, name: "Hedmarken" }).expect(303);
    const [region] = t.regions.listRegions();
    await agent
      .post(`/regions/${region.id}/offices`)
      .type("form")
      .send({ _csrf: csrf, name: "NAV Løten", address: "" })
      .expect(303);
    const [office] = t.regions.overview()[0].offices;
    await agent
      .post(`/regions/offices/${office.id}/rooms`)
      .type("form")
      .send({ _csrf: csrf, name: "Samtalerom 1" })
      .expect(303);
    const dup = await agent
      .post(`/regions/offices/${office.id}/rooms`)
      .type("form")
      .send({ _csrf: csrf, name: "samtalerom 1" })
      .expect(422);
    expect(dup.text).toContain("allerede et rom");
    expect(dup.text).toContain(`href="#room-${office.id}-name"`);
    expect(t.regions.overview()[0].offices[0].rooms).toHaveLength(1);
  });
});
