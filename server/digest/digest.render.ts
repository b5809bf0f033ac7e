// Owns rendering the digest model as an HTML e-mail (views/digest/email.ejs); the text version is in digest.compose.ts.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ejs from "ejs";
import type { DigestModel } from "./digest.compose";

const TEMPLATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../views/digest/email.ejs");
let compiled: ejs.TemplateFunction | undefined;

export function digestHtml(m: DigestModel): string {
  compiled ??= ejs.compile(fs.readFileSync(TEMPLATE, "utf8"), { filename: TEMPLATE });
  return compiled({ d: m });
}
