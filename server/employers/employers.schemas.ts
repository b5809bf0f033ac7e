// Owns the shape of an employer in the region's register.
import { z } from "zod";
import {
  blankToUndefined,
  checkbox,
  isValidOrgNumber,
  optionalEmail,
  optionalPhone,
  text,
} from "../shared/validation";

export const SECTORS = { private: "Privat", public: "Offentlig" } as const;
export const SIZES = ["1-9", "10-49", "50-249", "250+"] as const;

export const EmployerInput = z.object({
  regionId: z.coerce.number({ error: "Velg region" }).int().positive({ error: "Velg region" }),
  name: text("Navn", 120, { required: true }),
  orgNumber: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\s/g, "") : v),
    z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine((v) => /^\d{9}$/.test(v), { error: "Organisasjonsnummeret må ha 9 siffer" })
        .refine(isValidOrgNumber, {
          error: "Organisasjonsnummeret er ikke gyldig (kontrollsifferet stemmer ikke)",
        })
        .optional(),
    ),
  ),
  sector: z.enum(["private", "public"], { error: "Velg privat eller offentlig sektor" }),
  industry: text("Bransje", 120),
  size: z.preprocess((v) => v ?? "", z.enum(["", ...SIZES], { error: "Velg en størrelse fra listen" })),
  iaAgreement: checkbox,
  contactName: text("Kontaktperson", 120),
  contactPhone: optionalPhone("Telefonnummeret"),
  contactEmail: optionalEmail(
    "E-postadressen til kontaktpersonen",
    "Skriv en gyldig e-postadresse til kontaktpersonen",
  ),
  navOwner: text("Ansvarlig i NAV", 120),
});
export type EmployerInput = z.output<typeof EmployerInput>;

export const EmployerOutput = z.object({
  id: z.number().int(),
  regionId: z.number().int(),
  name: z.string(),
  orgNumber: z.string().nullable(),
  sector: z.enum(["private", "public"]),
  industry: z.string(),
  size: z.string(),
  iaAgreement: z.boolean(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string(),
  navOwner: z.string(),
});
export type Employer = z.output<typeof EmployerOutput>;
