import { describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/connection";
import { type DomainEvent, domainEvents } from "../../server/shared/domain-events";

const changed = (eventId: number): DomainEvent => ({ type: "event.changed", eventId, changes: ["details"] });

function setup() {
  const db = openDatabase(":memory:");
  const bus = domainEvents(db, () => {});
  const heard: DomainEvent[][] = [];
  const committedWhenHeard: boolean[] = [];
  bus.subscribe((batch) => {
    heard.push([...batch]);
    committedWhenHeard.push(!db.inTransaction);
  });
  return { db, bus, heard, committedWhenHeard };
}

describe("domain events", () => {
  it("announces a nested service call's events once, after the outer transaction commits", () => {
    const { bus, heard, committedWhenHeard } = setup();
    bus.transaction(() => {
      bus.record(changed(1));
      // A service called inside another service's transaction: a savepoint, not a commit.
      bus.transaction(() => bus.record(changed(2)));
      expect(heard).toEqual([]);
      bus.record(changed(3));
    });
    expect(heard).toEqual([[changed(1), changed(2), changed(3)]]);
    expect(committedWhenHeard).toEqual([true]);
  });

  it("announces nothing after a rollback, and nothing of a nested call that rolled back", () => {
    const { bus, heard } = setup();
    expect(() =>
      bus.transaction(() => {
        bus.record(changed(1));
        throw new Error("refused");
      }),
    ).toThrow("refused");
    expect(heard).toEqual([]);

    bus.transaction(() => {
      bus.record(changed(2));
      try {
        bus.transaction(() => {
          bus.record(changed(3));
          throw new Error("inner refused");
        });
      } catch {
        // The outer call decides to go on without the inner change.
      }
    });
    expect(heard).toEqual([[changed(2)]]);
  });

  it("rolls back the database with the events: a refused nested write leaves no row", () => {
    const { db, bus } = setup();
    db.exec("CREATE TABLE t (x INTEGER)");
    bus.transaction(() => {
      db.prepare("INSERT INTO t VALUES (1)").run();
      try {
        bus.transaction(() => {
          db.prepare("INSERT INTO t VALUES (2)").run();
          throw new Error("no");
        });
      } catch {}
    });
    expect(db.prepare("SELECT x FROM t").all()).toEqual([{ x: 1 }]);
  });

  it("refuses to record outside a transaction and to nest inside one it did not open", () => {
    const { db, bus } = setup();
    expect(() => bus.record(changed(1))).toThrow(/outside a transaction/);
    expect(() => db.transaction(() => bus.transaction(() => 1))()).toThrow(/opened through the bus/);
  });

  it("keeps a listener's failure from failing the change, and logs it", () => {
    const db = openDatabase(":memory:");
    const logs: string[] = [];
    const bus = domainEvents(db, (m) => logs.push(m));
    const heard: string[] = [];
    bus.subscribe(() => {
      throw new Error("mail down");
    });
    bus.subscribe((batch) => heard.push(...batch.map((e) => e.type)));
    const result = bus.transaction(() => {
      bus.record(changed(1));
      return "done";
    });
    expect(result).toBe("done");
    expect(heard).toEqual(["event.changed"]);
    expect(logs.join("\n")).toMatch(/mail down/);
  });

  it("is one bus per database connection", () => {
    const db = openDatabase(":memory:");
    expect(domainEvents(db)).toBe(domainEvents(db));
    expect(domainEvents(openDatabase(":memory:"))).not.toBe(domainEvents(db));
  });
});
