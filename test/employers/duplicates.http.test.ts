import { describe, expect, it } from "vitest";
import { makeApp, plainEmployer, signedInAgent } from "../helpers";

const form = (regionId: number, o: Record<string, string> = {}) => ({
  regionId: String(regionId),
  name: "Vask og Rens AS",
  orgNumber: "974 760 673",
  sector: "private",
  industry: "",
  size: "",
  contactName: "",
  contactPhone: "",
  contactEmail: "",
  navOwner: "",
  ...o,
});

describe("duplicate employers", () => {
  it("refuses a second employer with the same organisasjonsnummer and links to the existing one", async () => {
    const t = makeApp();
    const regionId = t.regions.createRegion({ name: "Hedmarken" });
    const existing = t.employers.create({
      ...plainEmployer(regionId, "Vaskebedrift AS"),
      orgNumber: "974760673",
    });
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post("/employers")
      .type("form")
      .send({ _csrf: csrf, ...form(regionId) })
      .expect(422);
    expect(res.text).toContain("Organisasjonsnummeret er allerede registrert på «Vaskebedrift AS»");
    expect(res.text).toContain('href="#f-orgNumber"');
    expect(res.text).toContain(`href="/employers/${existing}/edit"`);
    expect(t.employers.list(regionId)).toHaveLength(1);
  });

  it("reports a taken name and a taken organisasjonsnummer at once", async () => {
    const t = makeApp();
    const regionId = t.regions.createRegion({ name: "Hedmarken" });
    t.employers.create({ ...plainEmployer(regionId, "Vaskebedrift AS"), orgNumber: "974760673" });
    t.employers.create(plainEmployer(regionId, "Sykehuset"));
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post("/employers")
      .type("form")
      .send({ _csrf: csrf, ...form(regionId, { name: "Sykehuset" }) })
      .expect(422);
    expect(res.text).toContain('href="#f-name"');
    expect(res.text).toContain('href="#f-orgNumber"');
  });

  it("lets an employer keep its own organisasjonsnummer when edited", async () => {
    const t = makeApp();
    const regionId = t.regions.createRegion({ name: "Hedmarken" });
    const id = t.employers.create({ ...plainEmployer(regionId, "Vaskebedrift AS"), orgNumber: "974760673" });
    const { agent, csrf } = await signedInAgent(t);
    await agent
      .post(`/employers/${id}`)
      .type("form")
      .send({ _csrf: csrf, ...form(regionId, { name: "Vaskebedrift AS", industry: "Renhold" }) })
      .expect(303);
    expect(t.employers.get(id).industry).toBe("Renhold");
    const list = await agent.get("/employers").expect(200);
    expect(list.text).toContain("Endringene er lagret.");
  });

  it("preselects the only region on a new employer", async () => {
    const t = makeApp();
    const regionId = t.regions.createRegion({ name: "Hedmarken" });
    const { agent } = await signedInAgent(t);
    const page = await agent.get("/employers/new").expect(200);
    expect(page.text).toMatch(new RegExp(`<option value="${regionId}"[^>]*selected`));
  });
});
