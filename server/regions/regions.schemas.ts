// Owns the shapes of region, office and room input.
import { z } from "zod";
import { text } from "../shared/validation";

export const RegionInput = z.object({ name: text("Navn på regionen", 100, { required: true }) });
export const OfficeInput = z.object({
  name: text("Navn på kontoret", 100, { required: true }),
  address: text("Adresse", 200),
});
/** The region's staff e-mail domains, comma- or line-separated ("nav.no, ringsaker.kommune.no"). */
export const StaffDomainsInput = z.object({
  staffDomains: text("E-postdomenene", 500, { required: true }).refine(
    (v) =>
      v
        .split(/[\s,;]+/)
        .filter(Boolean)
        .every((d) => /^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(d)),
    { error: "Skriv domenene adskilt med komma, for eksempel «nav.no, ringsaker.kommune.no»" },
  ),
});
export const RoomInput = z.object({ name: text("Navn på samtalerommet", 100, { required: true }) });

export const RegionOutput = z.object({ id: z.number().int(), name: z.string() });
