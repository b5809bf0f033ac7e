// Test helper: every route an Express 5 app registers, found by walking its router stack, so a
// suite that loops over them covers routes added later without being told.
import type { Express } from "express";

export type RouteInfo = { method: string; path: string };

type Layer = {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
};

export function registeredRoutes(app: Express): RouteInfo[] {
  // Express 5 exposes the root router as app.router (it was app._router in Express 4).
  const root = (app as unknown as { router: { stack: Layer[] } }).router;
  const found = new Map<string, RouteInfo>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const p of [layer.route.path].flat()) {
          for (const m of Object.keys(layer.route.methods)) {
            const info = { method: m.toUpperCase(), path: prefix + p };
            found.set(`${info.method} ${info.path}`, info);
          }
        }
      } else if (layer.handle?.stack) {
        const mounts = [layer.rawPath].flat().filter((p): p is string => typeof p === "string");
        for (const mount of mounts.length ? mounts : ["/"]) {
          walk(layer.handle.stack, prefix + (mount === "/" ? "" : mount));
        }
      }
    }
  };
  walk(root.stack, "");
  return [...found.values()];
}
