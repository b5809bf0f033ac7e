// Owns rendering EJS templates for Express: compiled once, includes resolved once (not per request).
import fs from "node:fs";
import path from "node:path";
import ejs from "ejs";

type Template = (
  locals: Record<string, unknown>,
  escapeFn: undefined,
  include: (p: string, data?: Record<string, unknown>) => string,
) => string;

/**
 * An Express view engine for EJS. ejs's own renderFile resolves every include() with fs.existsSync
 * on every call, even with its cache on; a booking page includes a partial per slot, so that showed
 * at the top of the profile. Here a template is compiled once and an include's file is looked up once
 * (relative to the including file, then the views folder, as ejs does). With `cache: false`
 * (development) templates are re-read on every render, so edits show without a restart.
 */
export function ejsEngine(viewsDir: string, opts: { cache: boolean }) {
  const templates = new Map<string, Template>();
  const includes = new Map<string, string>();

  function template(file: string): Template {
    let fn = opts.cache ? templates.get(file) : undefined;
    if (!fn) {
      fn = ejs.compile(fs.readFileSync(file, "utf8"), {
        client: true,
        filename: file,
        compileDebug: !opts.cache,
      }) as unknown as Template;
      if (opts.cache) templates.set(file, fn);
    }
    return fn;
  }

  function resolveInclude(from: string, name: string): string {
    const key = `${from}\0${name}`;
    let file = opts.cache ? includes.get(key) : undefined;
    if (!file) {
      const withExt = path.extname(name) ? name : `${name}.ejs`;
      const relative = path.resolve(path.dirname(from), withExt);
      file = fs.existsSync(relative) ? relative : path.resolve(viewsDir, withExt);
      if (opts.cache) includes.set(key, file);
    }
    return file;
  }

  function render(file: string, data: Record<string, unknown>): string {
    const include = (name: string, extra?: Record<string, unknown>) =>
      render(resolveInclude(file, name), extra ? { ...data, ...extra } : { ...data });
    return template(file)(data, undefined, include);
  }

  return (file: string, options: object, callback: (err: unknown, html?: string) => void) => {
    try {
      callback(null, render(file, options as Record<string, unknown>));
    } catch (err) {
      callback(err);
    }
  };
}
