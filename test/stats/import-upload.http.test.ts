import { describe, expect, it } from "vitest";
import { makeApp, seedRegion, signedInAgent } from "../helpers";
import { historyCsv } from "./history";

const count = (t: ReturnType<typeof makeApp>, sql: string) => (t.db.prepare(sql).get() as { n: number }).n;

async function coordinator() {
  const t = makeApp({ now: "2019-01-15T09:00:00Z" });
  const seed = seedRegion(t);
  const { agent, csrf } = await signedInAgent(t);
  const upload = (file: Buffer, mode: "dry-run" | "import") =>
    agent
      .post("/stats/import")
      .field("_csrf", csrf)
      .field("regionId", String(seed.regionId))
      .field("csv", "")
      .field("mode", mode)
      .attach("csvFile", file, { filename: "historikk.csv", contentType: "text/csv" });
  return { t, seed, agent, upload };
}

describe("history import from a file", () => {
  it("dry-runs an uploaded CSV file and labels the per-year persons so nobody reads them as the yearly table", async () => {
    const { t, upload } = await coordinator();
    const dry = await upload(Buffer.from(historyCsv(), "utf8"), "dry-run").expect(200);
    expect(dry.text).toContain("for 329 personer (329 nye)");
    expect(dry.text).toContain("Personer som deltok dette året");
    expect(dry.text).toContain("til sammen er det 329 ulike personer");
    expect(count(t, "SELECT count(*) AS n FROM history_participation")).toBe(0);
  });

  it("imports an uploaded file saved by Excel in Windows-1252 with Norwegian letters intact", async () => {
    const { t, upload } = await coordinator();
    const csv =
      "dato;personnøkkel;virksomhet\r\n14.11.2013;A;Bamsebjørn barnehage\r\n10.02.2014;B;Gjenbruk Øst\r\n";
    const latin1 = Buffer.from(csv, "latin1");
    await upload(latin1, "import").expect(303);
    const employers = t.db.prepare("SELECT employer FROM history_participation ORDER BY id").all();
    expect(employers).toEqual([{ employer: "Bamsebjørn barnehage" }, { employer: "Gjenbruk Øst" }]);
  });

  it("refuses a multipart form without the CSRF token", async () => {
    const { t, seed, agent } = await coordinator();
    await agent
      .post("/stats/import")
      .field("regionId", String(seed.regionId))
      .field("mode", "import")
      .attach("csvFile", Buffer.from(historyCsv()), "historikk.csv")
      .expect(403);
    expect(count(t, "SELECT count(*) AS n FROM history_participation")).toBe(0);
  });
});
