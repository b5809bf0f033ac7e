import request from "supertest";
import { describe, expect, it } from "vitest";
import { makeApp } from "../helpers";

describe("static assets", () => {
  it("serves the Aksel CSS with fonts from the app itself, never from a third-party host", async () => {
    const t = makeApp();
    const css = await request(t.app).get("/aksel/index.css").expect(200);
    expect(css.headers["content-type"]).toMatch(/text\/css/);
    expect(css.text).not.toMatch(/https?:\/\//);
    const fonts = [...css.text.matchAll(/url\("(\/fonts\/[^"]+)"\)/g)].map((m) => m[1]);
    expect(fonts).toContain("/fonts/source-sans-3-latin-wght-normal.woff2");
    for (const f of new Set(fonts)) await request(t.app).get(f).expect(200);
  });

  it("has a favicon linked from every page and answers /favicon.ico", async () => {
    const t = makeApp();
    const page = await request(t.app).get("/login").expect(200);
    expect(page.text).toContain('<link rel="icon" href="/favicon.svg"');
    await request(t.app).get("/favicon.svg").expect(200);
    await request(t.app).get("/favicon.ico").expect(301).expect("location", "/favicon.svg");
  });
});
