// Owns the shapes of the sign-in and account forms.
import { z } from "zod";
import { email, text } from "../shared/validation";

export const LoginForm = z.object({
  email: z.string({ error: "Fyll inn e-postadressen" }).trim().min(1, { error: "Fyll inn e-postadressen" }),
  password: z.string({ error: "Fyll inn passordet" }).min(1, { error: "Fyll inn passordet" }),
});

export const SetupForm = z
  .object({
    name: text("Navn", 100, { required: true }),
    email: email(),
    password: z
      .string({ error: "Fyll inn et passord" })
      .min(12, { error: "Passordet må ha minst 12 tegn" })
      .max(200, { error: "Passordet kan ha høyst 200 tegn" }),
    passwordAgain: z.string({ error: "Gjenta passordet" }),
  })
  .refine((v) => v.password === v.passwordAgain, {
    path: ["passwordAgain"],
    error: "Passordene er ikke like",
  });

export const ApiTokenForm = z.object({
  name: text("Navn på tokenet", 100, { required: true }),
  scope: z.enum(["read", "read-write"], { error: "Velg hva tokenet kan gjøre" }).default("read"),
  // "" means every region the owner reaches.
  regionId: z
    .union([z.literal(""), z.coerce.number().int().positive()], { error: "Velg en region fra listen" })
    .default(""),
  days: z.coerce
    .number({ error: "Skriv antall dager som et tall" })
    .int({ error: "Skriv antall dager som et helt tall" })
    .min(1, { error: "Tokenet må vare minst 1 dag" })
    .max(365, { error: "Tokenet kan vare høyst 365 dager" })
    .default(90),
});
