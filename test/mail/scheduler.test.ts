import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../server/demo/seed";
import { startMailWorker } from "../../server/mail";
import { startJobs } from "../../server/shared/jobs";
import { makeApp, openEvent, TEST_SECRET } from "../helpers";
import { BASE_URL, count, servicesFor, tempDir } from "./mail-helpers";

const SETTINGS = {
  contactName: "Kari Nordmann",
  contactEmail: "kari@nav.no",
  marketNews: "",
  autoSend: true,
  weekday: 1,
  sendTime: "08:00",
  reminderDaysBefore: 2,
  reminderTime: "08:00",
};

/** The demo event on Thursday 5 April 2018; Monday 2 April 08:00 Oslo is 06:00Z (summer time). */
function demo(now = "2018-04-02T05:59:00Z", recipients = ["ola@nav.no", "vera@nav.no", "per@nav.no"]) {
  const t = makeApp({ now });
  const { eventId } = seedDemo(t.db, TEST_SECRET, BASE_URL, "2018-04-05");
  const mail = servicesFor(t);
  const event = t.events.get(eventId);
  mail.digest.saveSettings(event.regionId, SETTINGS, recipients);
  return { t, mail, event };
}

const digestMails = (t: ReturnType<typeof makeApp>) =>
  count(t, "SELECT count(*) AS n FROM mail_outbox WHERE kind = 'digest'");

describe("the scheduler", () => {
  it("sends the weekly digest on Monday at 08:00 Oslo time, once, and records the run", () => {
    const { t, mail, event } = demo();
    expect(mail.scheduler.tick()).toEqual([]);
    expect(digestMails(t)).toBe(0);

    t.clock.set("2018-04-02T06:00:00Z");
    expect(mail.scheduler.tick()).toEqual([
      {
        job: `digest:region:${event.regionId}`,
        dueAt: "2018-04-02T06:00:00.000Z",
        outcome: "sent",
        mails: 3,
      },
    ]);
    expect(digestMails(t)).toBe(3);
    t.clock.set("2018-04-02T06:01:00Z");
    expect(mail.scheduler.tick()).toEqual([]);
    expect(digestMails(t)).toBe(3);
    expect(mail.scheduler.digestRuns(event.regionId)).toMatchObject([{ outcome: "sent", mails: 3 }]);
  });

  it("neither repeats nor skips across a restart", () => {
    const { t, mail } = demo("2018-04-02T06:00:00Z");
    mail.scheduler.tick();
    // A new process: fresh services over the same database.
    const again = servicesFor(t);
    t.clock.set("2018-04-02T06:30:00Z");
    expect(again.scheduler.tick()).toEqual([]);
    expect(digestMails(t)).toBe(3);

    // The server was down over the next Monday's 08:00 and comes back at 10:00: the run is made up for, once.
    const down = demo("2018-04-02T08:00:00Z");
    expect(down.mail.scheduler.tick()).toHaveLength(1);
    expect(servicesFor(down.t).scheduler.tick()).toEqual([]);
    expect(digestMails(down.t)).toBe(3);
  });

  it("records that there was nothing to announce and sends no empty mail when no event is open", () => {
    const { t, mail, event } = demo();
    t.events.setStatus(event.id, "closed");
    t.clock.set("2018-04-02T06:00:00Z");
    expect(mail.scheduler.tick()).toEqual([
      {
        job: `digest:region:${event.regionId}`,
        dueAt: "2018-04-02T06:00:00.000Z",
        outcome: "no-event",
        mails: 0,
      },
    ]);
    expect(digestMails(t)).toBe(0);
  });

  it("reminds each veileder with bookings once, two days before, listing their candidates with an .ics", () => {
    const { t, mail, event } = demo("2018-04-03T05:59:00Z");
    expect(mail.scheduler.tick().filter((r) => r.job.startsWith("reminder"))).toEqual([]);
    t.clock.set("2018-04-03T06:00:00Z");
    expect(mail.scheduler.tick().filter((r) => r.job.startsWith("reminder"))).toEqual([
      { job: `reminder:event:${event.id}`, dueAt: "2018-04-03T06:00:00.000Z", outcome: "sent", mails: 7 },
    ]);
    const reminders = mail.outbox.recent().filter((m) => m.kind === "reminder");
    expect(reminders.map((m) => m.to).sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((i) => `veileder${i}@nav.no`),
    );
    const first = mail.outbox.get(reminders.find((m) => m.to === "veileder1@nav.no")?.id ?? 0);
    expect(first?.subject).toBe("Påminnelse: Ta sjansen torsdag 5. april 2018 – 1 kandidat");
    expect(first?.text).toContain("- 15:30–16:00 Ola N. – Vaskebedrift AS, kantine – Samtalerom 1");
    expect(first?.text).toContain(
      "- 16:00–16:30 Ola N. – Gjenbruksbedrift AS, renovasjonsanlegg – Samtalerom 2",
    );
    expect(first?.text).toContain("NAV Hamar, Vangsvegen 73, Hamar");
    expect(first?.attachments[0]).toMatchObject({ filename: "ta-sjansen-2018-04-05.ics" });
    expect(first?.attachments[0].content).toContain("DTSTART;TZID=Europe/Oslo:20180405T153000");

    t.clock.set("2018-04-04T06:00:00Z");
    expect(
      servicesFor(t)
        .scheduler.tick()
        .filter((r) => r.job.startsWith("reminder")),
    ).toEqual([]);
    expect(count(t, "SELECT count(*) AS n FROM mail_outbox WHERE kind = 'reminder'")).toBe(7);
  });

  it("waits with the reminder until someone has booked, then reminds before the event", () => {
    const t = makeApp({ now: "2026-12-08T07:00:00Z" }); // two days before 10 December, 08:00 Oslo
    const ev = openEvent(t);
    const mail = servicesFor(t);
    const reminders = () => mail.scheduler.tick().filter((r) => r.job.startsWith("reminder"));
    expect(reminders()).toEqual([]);
    expect(count(t, "SELECT count(*) AS n FROM schedule_run WHERE job LIKE 'reminder:%'")).toBe(0);

    t.clock.set("2026-12-09T10:00:00Z");
    t.booking.register({ kind: "caseworker", id: "caseworker:new" }, ev.eventId, {
      caseworker: { name: "Vera Veileder", email: "vera@nav.no", officeId: ev.officeId },
      candidate: {
        displayName: "Ola N.",
        birthYear: 2000,
        eligibility: "spesielt-tilpasset",
        backupCaseworker: "",
        caseworkerJoins: false,
        needsAdaptation: false,
      },
      slotIds: [ev.slots(ev.participationIds[0])[0]],
      waitlistParticipationIds: [],
      requestKey: "scheduler-test-request-0001",
    });
    expect(reminders()).toEqual([
      { job: `reminder:event:${ev.eventId}`, dueAt: "2026-12-08T07:00:00.000Z", outcome: "sent", mails: 1 },
    ]);
    // The booking itself was confirmed at once; the tick added exactly one reminder.
    expect(mail.outbox.recent().map((m) => [m.kind, m.to])).toEqual([
      ["reminder", "vera@nav.no"],
      ["confirmation", "vera@nav.no"],
    ]);
  });

  it("reminds a veileder who books after the reminders went out, on the next tick, once, until the event starts", () => {
    const t = makeApp({ now: "2026-12-08T06:00:00Z" });
    const ev = openEvent(t);
    const mail = servicesFor(t);
    const reminders = () => mail.scheduler.tick().filter((r) => r.job.startsWith("reminder"));
    const book = (email: string, slot: number) =>
      // A coordinator may still book after the deadline.
      t.booking.register({ kind: "coordinator", id: "test" }, ev.eventId, {
        caseworker: { name: "Veileder", email, officeId: ev.officeId },
        candidate: {
          displayName: "Ola N.",
          birthYear: 2000,
          eligibility: "spesielt-tilpasset",
          backupCaseworker: "",
          caseworkerJoins: false,
          needsAdaptation: false,
        },
        slotIds: [slot],
        waitlistParticipationIds: [],
        requestKey: `scheduler-late-booking-${email}`,
      });
    const job = `reminder:event:${ev.eventId}`;
    const dueAt = "2026-12-08T07:00:00.000Z";
    book("vera@nav.no", ev.slots(ev.participationIds[0])[0]);
    t.clock.set("2026-12-08T07:00:00Z");
    expect(reminders()).toEqual([{ job, dueAt, outcome: "sent", mails: 1 }]);

    // Per books the next day, and his confirmation promises a reminder: the next tick sends it.
    t.clock.set("2026-12-09T10:00:00Z");
    book("per@nav.no", ev.slots(ev.participationIds[0])[1]);
    t.clock.set("2026-12-09T10:01:00Z");
    expect(reminders()).toEqual([{ job, dueAt, outcome: "sent", mails: 1 }]);
    t.clock.set("2026-12-09T10:02:00Z");
    expect(reminders()).toEqual([]);
    const sent = mail.outbox.recent().filter((m) => m.kind === "reminder");
    expect(sent.map((m) => m.to).sort()).toEqual(["per@nav.no", "vera@nav.no"]);
    expect(mail.scheduler.upcoming(t.clock()).reminders[0].ran).toMatchObject({ mails: 2 });

    // Once the first interview has started (15:30 Oslo), nobody is reminded any more.
    t.clock.set("2026-12-10T14:29:00Z");
    book("kari@nav.no", ev.slots(ev.participationIds[0])[2]);
    t.clock.set("2026-12-10T14:30:00Z");
    expect(reminders()).toEqual([]);
    expect(count(t, "SELECT count(*) AS n FROM mail_outbox WHERE kind = 'reminder'")).toBe(2);
  });

  it("runs inside the server: writes the mails as .eml files to DATA_DIR/outbox and stops cleanly", async () => {
    const { t } = demo("2018-04-02T06:00:00Z");
    const dataDir = tempDir();
    const stopWorker = startMailWorker(t, { dataDir, log: () => {} });
    const stopJobs = startJobs(t.jobs, t.clock, { log: () => {} });
    const stop = async () => {
      stopJobs();
      await stopWorker();
    };
    try {
      const dir = path.join(dataDir, "outbox");
      for (let i = 0; i < 100 && (!fs.existsSync(dir) || fs.readdirSync(dir).length < 3); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(fs.readdirSync(dir).sort()).toEqual([
        "000001-digest.eml",
        "000002-digest.eml",
        "000003-digest.eml",
      ]);
    } finally {
      await stop();
    }
    expect(count(t, "SELECT count(*) AS n FROM mail_outbox WHERE status = 'sent'")).toBe(3);
  });

  it("lists each region's next digest and the reminders on the services the admin page uses", () => {
    const { t, event } = demo("2018-04-02T07:00:00Z");
    const mail = servicesFor(t);
    const up = mail.scheduler.upcoming(t.clock());
    expect(up.digests).toMatchObject([{ regionId: event.regionId, recipients: 3 }]);
    expect(up.digests[0].next?.toISOString()).toBe("2018-04-09T06:00:00.000Z");
    expect(up.reminders).toMatchObject([{ eventId: event.id }]);
    expect(up.reminders[0].dueAt.toISOString()).toBe("2018-04-03T06:00:00.000Z");
    expect(mail.scheduler.nextWakeAt(t.clock())?.toISOString()).toBe("2018-04-03T06:00:00.000Z");
  });
});
