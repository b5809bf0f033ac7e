// Owns structured logging (pino): one logger per process, request logs with ids and durations, and the
// redaction that keeps capability tokens, e-mail addresses and names out of every line.
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import pino, { type DestinationStream, type Logger } from "pino";
import { pinoHttp } from "pino-http";

export type { Logger } from "pino";

const EMAIL = /[^\s<>()"',;:@]+@[^\s<>()"',;:@]+\.[A-Za-z]{2,}/g;

/** Capability tokens in paths (employer, booking, manage, host, board, setup links) never reach the log. */
export function redactPath(p: string): string {
  return p.replace(/^\/(a|b|v|host|board|setup)\/[^/?]+/, "/$1/:token");
}

/**
 * A URL for the log: the token-free path, and the query's keys without their values (a `next=` or a
 * search may carry anything a user typed).
 */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  const pathPart = redactPath(q < 0 ? url : url.slice(0, q));
  if (q < 0) return pathPart;
  const keys = [...new URLSearchParams(url.slice(q + 1)).keys()];
  return keys.length ? `${pathPart}?${keys.map((k) => `${k}=…`).join("&")}` : pathPart;
}

/** E-mail addresses become "[e-post]" in free-text log messages (mail errors quote recipients). */
export const redactText = (text: string) => text.replace(EMAIL, "[e-post]");

export type LoggerOptions = { level?: string; destination?: DestinationStream };

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      base: { pid: process.pid },
      // Headers, cookies and bodies are never logged; these paths are a second line of defence.
      redact: {
        paths: [
          "req.headers.cookie",
          "req.headers.authorization",
          "res.headers['set-cookie']",
          "*.email",
          "*.name",
          "*.displayName",
          "*.password",
        ],
        censor: "[redacted]",
      },
      hooks: {
        // Every message string is scrubbed of e-mail addresses, whatever module wrote it.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? redactText(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      serializers: {
        err: (e: unknown) => {
          const s = pino.stdSerializers.err(e as Error);
          return { ...s, message: redactText(s.message ?? ""), stack: redactText(s.stack ?? "") };
        },
      },
    },
    opts.destination,
  );
}

/** For tests and tools: logs nothing. */
export const silentLogger = (): Logger => pino({ level: "silent" });

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };
/** Express rewrites req.url inside mounted routers; the original is what the client asked for. */
const urlOf = (req: LoggedRequest) => redactUrl(req.originalUrl ?? req.url ?? "");

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One line per request at its end: id (the caller's X-Request-Id when it looks sane, else a new
 * UUID, echoed back), method, token-free URL, status and duration. 5xx log as errors, 4xx as info.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers["x-request-id"];
      const id = typeof given === "string" && REQUEST_ID.test(given) ? given : crypto.randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    quietReqLogger: true,
    wrapSerializers: false,
    serializers: {
      req: (req: LoggedRequest) => ({ id: req.id, method: req.method, url: urlOf(req) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
    customSuccessMessage: (req, res) => `${req.method} ${urlOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${urlOf(req)} ${res.statusCode}`,
    autoLogging: { ignore: (req) => req.url === "/healthz" },
  });
}
