// The history import takes a paste of thousands of CSV lines; other forms keep their small body limit.
import { describe, expect, it } from "vitest";
import { MAX_IMPORT_CHARS } from "../../server/stats/stats.schemas";
import { makeApp, signedInAgent } from "../helpers";

describe("request size limits", () => {
  it("accepts an import near its limit (a dry run, nothing stored)", async () => {
    const t = makeApp();
    const regionId = t.regions.createRegion({ name: "Hedmarken" });
    const { agent, csrf } = await signedInAgent(t);
    const lines = ["dato;person;virksomhet"];
    for (let i = 0; lines.join("\n").length < MAX_IMPORT_CHARS - 200; i++) {
      lines.push(`2014-0${(i % 9) + 1}-1${i % 9};Pseudonym-ø-${i};Bamsebjørn barnehage`);
    }
    const res = await agent
      .post("/stats/import")
      .type("form")
      .send({ _csrf: csrf, regionId: String(regionId), csv: lines.join("\n"), mode: "dry-run" });
    expect(res.status).toBeLessThan(500);
    expect(t.logs).toEqual([]);
  });

  it("answers 413 in Norwegian to an oversized ordinary form", async () => {
    const t = makeApp();
    const { agent, csrf } = await signedInAgent(t);
    const res = await agent
      .post("/employers")
      .type("form")
      .send({ _csrf: csrf, name: "x".repeat(200_000) });
    expect(res.status).toBe(413);
    expect(res.text).toContain("Innholdet er for stort");
    expect(t.logs).toEqual([]);
  });
});
