// Owns the shapes of region, office and room input.
import { z } from "zod";
import { text } from "../shared/validation";

export const RegionInput = z.object({ name: text("Navn på regionen", 100, { required: true }) });
export const OfficeInput = z.object({
  name: text("Navn på kontoret", 100, { required: true }),
  address: text("Adresse", 200),
});
export const RoomInput = z.object({ name: text("Navn på samtalerommet", 100, { required: true }) });

export const RegionOutput = z.object({ id: z.number().int(), name: z.string() });
