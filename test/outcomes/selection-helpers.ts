// Test helpers for the Speedintervju: an open event (10 Dec 2026, 09:00–10:00, 20-minute interviews, one per
// candidate) at the health trust with two interview panels, and their links.
import { linkToken } from "../../server/shared/tokens";
import { seedRegion, standardEvent, TEST_SECRET, type TestApp } from "../helpers";

export const PANEL_A = [
  { name: "Kari Nordmann", role: "arbeidslivscoach" },
  { name: "Ola Hansen", role: "kontaktperson Hamar" },
];
export const PANEL_B = [
  { name: "Per Pettersen", role: "arbeidslivscoach" },
  { name: "Lise Lund", role: "kontaktperson Løten" },
];

export function speedEvent(t: TestApp) {
  const seed = seedRegion(t);
  const eventId = t.events.create(
    standardEvent(seed.officeId, "2026-12-10", {
      format: "speedintervju",
      title: "Speedintervju Springbrett",
      interviewStart: "09:00",
      interviewEnd: "10:00",
      slotMinutes: 20,
      maxInterviews: 1,
    }),
  );
  const panel = (room: number, department: string, members: typeof PANEL_A) =>
    t.events.addParticipation(eventId, {
      employerId: seed.employerIds[1],
      department,
      tasks: "Arbeidstrening på sykehuset etter et fire ukers kurs",
      training: "",
      prerequisites: "",
      minAge: undefined,
      restrictions: "",
      offerTypes: ["arbeidstrening"],
      interviewCount: 3,
      roomId: seed.roomIds[room],
      panel: members,
    });
  const participationIds = [
    panel(0, "Springbrett, panel 1", PANEL_A),
    panel(1, "Springbrett, panel 2", PANEL_B),
  ];
  t.events.setStatus(eventId, "open");
  const slots = (pid: number) => t.events.participation(pid).slots.map((s) => s.id);
  const bookingPath = new URL(t.events.links(t.events.get(eventId)).booking).pathname;
  const panelPath = (participationId: number) => {
    const v = t.db
      .prepare("SELECT employer_link_version FROM participation WHERE id = ?")
      .pluck()
      .get(participationId) as number;
    return `/a/${linkToken(TEST_SECRET, "employer", participationId, v)}`;
  };
  const bookingOf = (candidateId: number) =>
    t.db.prepare("SELECT id FROM booking WHERE candidate_id = ?").pluck().get(candidateId) as number;
  return { ...seed, eventId, participationIds, slots, bookingPath, panelPath, bookingOf };
}
