// Lists the app's own routes by walking Express's router stack, for the access matrix.
import type { Express } from "express";

type Layer = {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string;
};

/** "METHOD /path" for every route the app (and its mounted routers) declares, once each. */
export function appRoutes(app: Express): string[] {
  const out = new Set<string>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const l of stack) {
      if (l.route) {
        for (const p of [l.route.path].flat())
          for (const m of Object.keys(l.route.methods))
            if (m !== "_all") out.add(`${m.toUpperCase()} ${prefix}${p}`);
      } else if (l.handle?.stack) {
        walk(l.handle.stack, prefix + (l.rawPath && l.rawPath !== "/" ? l.rawPath : ""));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, "");
  return [...out].sort();
}
