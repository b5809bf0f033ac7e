// Owns the static assets served from the app itself: the Aksel CSS with its fonts pointed at our
// own copy (no third-party hosts; the CSP would block them anyway) and the font files.
import fs from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

const CDN_FONT = /https:\/\/cdn\.nav\.no\/aksel\/fonts\/SourceSans3-(normal|italic)(?:-([a-z_]+))?\.woff2/g;

/** Maps Aksel's CDN font URLs to the same subsets of Source Sans 3 packaged by Fontsource. */
export function localiseFontUrls(css: string, prefix = "/fonts"): string {
  return css.replace(CDN_FONT, (_m, style: string, subset?: string) => {
    const name = (subset ?? "latin").replace("_", "-");
    return `${prefix}/source-sans-3-${name}-wght-${style}.woff2`;
  });
}

export function assetRoutes(root: string): Router {
  const router = express.Router();
  const akselDir = path.join(root, "node_modules/@navikt/ds-css/dist");
  const fontsDir = path.join(root, "node_modules/@fontsource-variable/source-sans-3/files");
  const indexCss = localiseFontUrls(fs.readFileSync(path.join(akselDir, "index.css"), "utf8"));
  router.get("/aksel/index.css", (_req, res) => {
    res.type("text/css").set("Cache-Control", "public, max-age=86400").send(indexCss);
  });
  router.use("/aksel", express.static(akselDir, { maxAge: "1d" }));
  router.use("/fonts", express.static(fontsDir, { maxAge: "30d", immutable: true }));
  // Browsers ask for /favicon.ico on their own; answer with the SVG icon.
  router.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  return router;
}
