// Owns the digest's JSON API: GET /regions/:id/digest (mounted behind requireApiCoordinator).
import { Router } from "express";
import type { z } from "zod";
import { inRegion } from "../auth/access";
import { AppError } from "../shared/errors";
import type { DigestOutput } from "./digest.schemas";
import type { DigestService } from "./digest.service";

export function digestApi(digest: DigestService) {
  const r = Router();
  r.use("/regions/:id", inRegion("region"));
  r.get("/regions/:id/digest", (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0) throw new AppError(404, "not-found", "Ukjent id");
    const d = digest.render(id);
    if (!d.ok) throw new AppError(409, d.reason, d.message);
    const body: z.output<typeof DigestOutput> = { subject: d.subject, text: d.text, html: d.html };
    res.json(body);
  });
  return r;
}
