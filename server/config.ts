// Owns the environment: parsed once, typed, and fails fast with a clear message.
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  BASE_URL: z.url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  NODE_ENV: z.string().default("development"),
  // Months after an event (or its latest follow-up start) before its personal data is purged: 12 months to the
  // status round, plus 3 for the round itself.
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(15),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.string().default("loopback"),
  // Public booking posts per 15 minutes, "per client/per link" (see server/booking/public-limits.ts). A very large
  // region may raise them; the benchmark raises them for its own server, which is one client posting for many.
  PUBLIC_BOOKING_LIMITS: z
    .string()
    .regex(/^\d+\/\d+$/, { error: "skriv to tall, per klient/per lenke, for eksempel 60/600" })
    .default("60/600"),
});

/**
 * Express's "trust proxy": "false", "true", a hop count ("1") or addresses/subnets ("loopback, 10.0.0.0/8").
 * Rate limits key on the client address, so behind a proxy this must name it, or every client shares one bucket.
 */
export function parseTrustProxy(value: string): boolean | number | string {
  const v = value.trim();
  if (v === "false" || v === "") return false;
  if (v === "true") return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  baseUrl: string;
  smtpUrl?: string;
  /** Sender address for e-mails; defaults to ikke-svar@ the BASE_URL host. */
  mailFrom?: string;
  /** Secure cookies only when served over https. */
  secureCookies: boolean;
  /** See server/retention/retention.rules.ts. */
  retentionMonths: number;
  /** NODE_ENV=development re-reads templates on every request; anything else caches them. */
  development: boolean;
  logLevel: string;
  trustProxy: boolean | number | string;
  publicBookingLimits: { perClient: number; perLink: number };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    baseUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    secureCookies: baseUrl.startsWith("https://"),
    retentionMonths: e.RETENTION_MONTHS,
    development: e.NODE_ENV === "development",
    logLevel: e.LOG_LEVEL,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    publicBookingLimits: (([perClient, perLink]) => ({ perClient, perLink }))(
      e.PUBLIC_BOOKING_LIMITS.split("/").map(Number),
    ),
  };
}
