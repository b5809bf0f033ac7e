// The bench's floor: a bare Express 5 process with an "ok" route and the measured page's own bytes as a
// fixed string (the page's physical ceiling on this machine). Run by bench.ts in its own process.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import express from "express";

const page = fs.readFileSync(process.env.PAGE_FILE ?? "/dev/null", "utf8");
const app = express();
app.get("/ok", (_req, res) => {
  res.send("ok");
});
app.get("/page", (_req, res) => {
  res.type("html").send(page);
});
const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  // The parent reads the port from the first line.
  console.log(String((server.address() as AddressInfo).port));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
