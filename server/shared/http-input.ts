// Owns what the app accepts as a request body and how malformed requests become 4xx answers.
import express, { type NextFunction, type Request, type Response } from "express";
import { AppError } from "./errors";

const API_PREFIX = "/api/v1";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Forms post urlencoded bodies and nothing else; only the JSON API takes JSON. A body of any other
 * type is refused with 415 rather than silently ignored, so a handler never sees an object where a
 * form field (a string) should be.
 */
export function requestBodies() {
  // A region's history import may be a few thousand CSV lines; every other form stays small.
  const bigForm = express.urlencoded({ extended: false, limit: "2mb" });
  const form = express.urlencoded({ extended: false, limit: "100kb" });
  const json = express.json({ limit: "100kb" });
  return (req: Request, res: Response, next: NextFunction) => {
    const api = isApi(req);
    const done = (err?: unknown) => {
      if (err) return next(err);
      if (UNSAFE.has(req.method) && hasBody(req)) {
        const expected = api ? "application/json" : "application/x-www-form-urlencoded";
        // The history import may also arrive as a file upload (multipart), parsed by its own middleware.
        const upload = req.path === "/stats/import" && req.is("multipart/form-data");
        if (!req.is(expected) && !upload) {
          return next(
            new AppError(
              415,
              "unsupported-media-type",
              api
                ? "API-et tar bare imot JSON (Content-Type: application/json)."
                : "Skjemaet ble sendt i et format vi ikke tar imot. Gå tilbake og send skjemaet fra siden.",
            ),
          );
        }
      }
      // Express 5 leaves req.body undefined when no parser ran; handlers may then read fields safely.
      req.body ??= {};
      next();
    };
    if (api) return json(req, res, done);
    if (req.path === "/stats/import") return bigForm(req, res, done);
    form(req, res, done);
  };
}

const isApi = (req: Request) => req.path === API_PREFIX || req.path.startsWith(`${API_PREFIX}/`);

/** A declared empty body (Content-Length: 0) is no body, whatever its type says. */
const hasBody = (req: Request) =>
  req.headers["transfer-encoding"] !== undefined ||
  (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0");

/**
 * A malformed request that a library refused (a bad percent-encoding in the path, an unknown charset
 * or content encoding, a body that is not what its headers say, too large): the 4xx it deserves,
 * in Norwegian. Anything else is not the client's fault and answers undefined.
 */
export function clientError(err: unknown): AppError | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown };
  const status = typeof e.status === "number" ? e.status : e.statusCode;
  if (typeof status !== "number" || status < 400 || status > 499) return undefined;
  if (err instanceof URIError)
    return new AppError(400, "bad-path", "Adressen inneholder tegn som ikke kan leses. Sjekk lenken.");
  if (status === 413)
    return new AppError(
      413,
      "too-large",
      "Innholdet er for stort. Del det opp i mindre deler og send hver for seg.",
    );
  if (status === 415)
    return new AppError(
      415,
      "unsupported-media-type",
      "Innholdet er sendt med et tegnsett eller en koding vi ikke tar imot.",
    );
  return new AppError(status, "bad-request", "Forespørselen kunne ikke leses");
}
