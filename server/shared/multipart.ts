// Owns reading a small multipart/form-data form (one text file plus fields) into req.body, for forms that
// take a file upload without script. Everything else stays urlencoded.
import busboy from "busboy";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "./errors";

/** Text from an uploaded file: UTF-8 (with or without BOM), else Windows-1252 as Excel saves CSV in Norway. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

export function multipartForm(opts: { fileField: string; maxBytes: number; maxFields?: number }) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.is("multipart/form-data")) return next();
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: opts.maxBytes, fields: opts.maxFields ?? 20, fieldSize: opts.maxBytes },
      });
    } catch {
      return next(new AppError(400, "bad-request", "Skjemaet kunne ikke leses"));
    }
    const body: Record<string, string> = {};
    let failed: AppError | null = null;
    bb.on("field", (name, value) => {
      body[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      if (name !== opts.fileField) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => {
        failed = new AppError(413, "too-large", "Filen er for stor");
      });
      stream.on("end", () => {
        if (info.filename) body[name] = decodeText(Buffer.concat(chunks));
      });
    });
    bb.on("error", () => next(new AppError(400, "bad-request", "Skjemaet kunne ikke leses")));
    bb.on("close", () => {
      if (failed) return next(failed);
      req.body = body;
      next();
    });
    req.pipe(bb);
  };
}
