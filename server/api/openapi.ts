// Owns the OpenAPI document, generated from the zod schemas the API validates with.
import { z } from "zod";
import { ApiBookInput, ApiRegisterInput, BookingOutput } from "../booking/booking.schemas";
import { DigestOutput } from "../digest/digest.schemas";
import {
  EventApiInput,
  EventOutput,
  EventSummaryOutput,
  ParticipationInput,
  ParticipationOutput,
} from "../events/events.schemas";
import { StatsParticipationOutput } from "../stats/stats.schemas";

const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string().describe("Stable kebab-case error code, e.g. invalid-input, not-found, slot-taken"),
  detail: z.string(),
  errors: z.record(z.string(), z.string()).optional().describe("Field errors (422)"),
});

const Region = z.object({
  id: z.number().int(),
  name: z.string(),
  offices: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      address: z.string(),
      rooms: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
  ),
});

type Json = Record<string, unknown>;
const schema = (s: z.ZodType, io: "input" | "output" = "output"): Json =>
  z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;

/** Extra operations (booking etc.) register here so the document stays in one place. */
export type OperationSpec = {
  method: "get" | "post" | "put" | "delete";
  path: string;
  summary: string;
  /** Longer explanation where the summary cannot say how to use the operation. */
  description?: string;
  auth: string;
  request?: z.ZodType;
  responses: Record<string, { description: string; schema?: z.ZodType }>;
};

export const coreOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/regions",
    summary: "List regions with offices and rooms",
    auth: "coordinator",
    responses: { 200: { description: "Regions", schema: z.array(Region) } },
  },
  {
    method: "get",
    path: "/events",
    summary: "List events",
    auth: "coordinator",
    responses: { 200: { description: "Events", schema: z.array(EventSummaryOutput) } },
  },
  {
    method: "post",
    path: "/events",
    summary: "Create an event (status draft)",
    auth: "coordinator",
    request: EventApiInput,
    responses: {
      201: { description: "Created", schema: EventOutput },
      422: { description: "Invalid input", schema: Problem },
    },
  },
  {
    method: "get",
    path: "/events/{id}",
    summary:
      "An event with its participations, slots (seats and taken for group slots), free counts and links",
    auth: "coordinator",
    responses: {
      200: { description: "The event", schema: EventOutput },
      404: { description: "Not found", schema: Problem },
    },
  },
  {
    method: "post",
    path: "/events/{id}/participations",
    summary: "Add an employer to an event; slots are derived from the event's window",
    auth: "coordinator",
    request: ParticipationInput,
    responses: {
      201: { description: "Created", schema: ParticipationOutput },
      422: { description: "Invalid input", schema: Problem },
    },
  },
  {
    method: "get",
    path: "/participations/{id}",
    summary: "A participation with its slots",
    auth: "coordinator",
    responses: {
      200: { description: "The participation", schema: ParticipationOutput },
      404: { description: "Not found", schema: Problem },
    },
  },
  {
    method: "get",
    path: "/regions/{id}/digest",
    summary: "The region's weekly markeds-e-post as it would be sent now: subject, plain text and HTML",
    auth: "coordinator",
    responses: {
      200: { description: "The digest", schema: DigestOutput },
      404: { description: "Unknown region", schema: Problem },
      409: {
        description: "No upcoming open event (code no-upcoming-event): nothing to send",
        schema: Problem,
      },
    },
  },
  {
    method: "get",
    path: "/stats/participation",
    summary:
      "Unique candidates and events held per year (each person once, in the year they first took part; the total is the sum), and the people who took part each year (each once per year). Optional query regionId, and format (ta-sjansen, speedintervju or minijobbmesse; absent: all formats, imported history counting as Ta sjansen).",
    auth: "coordinator",
    responses: {
      200: { description: "Rows per year and the total", schema: StatsParticipationOutput },
      404: { description: "Unknown region", schema: Problem },
      422: { description: "Unknown format (code invalid-input)", schema: Problem },
    },
  },
];

const Registered = z.object({
  candidateId: z.number().int(),
  caseworkerId: z.number().int(),
  bookings: z.array(BookingOutput),
});
const conflict = {
  description:
    "Refused by a booking rule; code is one of slot-taken (no seat left in the slot; a group slot holds up to its seats), candidate-max-interviews, same-employer (also: the candidate is already in this group slot), time-overlap, under-minimum-age, booking-closed, candidate-exists (with candidateId), booking-has-feedback; for a Minijobbmesse (registration without slots) also event-full (no places left) and format-has-no-slots (slotIds given)",
  schema: Problem,
};

export const bookingOperations: OperationSpec[] = [
  {
    method: "post",
    path: "/events/{id}/candidates",
    summary: "Register a candidate for an event and optionally book slots (all or nothing)",
    description:
      "For a Minijobbmesse (format minijobbmesse) this is the registration itself: it has no slots, so slotIds must be left out (409 format-has-no-slots), and it counts against the event's capacity (409 event-full when no places are left; exactly the capacity wins a race). Without slotIds the candidate is only registered. The veileder then books with POST /bookings, authenticated by their manage token: it is never returned here, but e-mailed to the veileder's address with the registration. Registering the same person again (same veileder, name and birth year, compared case- and space-insensitively) answers 409 with code candidate-exists and the existing candidateId.",
    auth: "booking",
    request: ApiRegisterInput,
    responses: {
      201: { description: "Registered", schema: Registered },
      200: { description: "Repeated requestKey: the first result", schema: Registered },
      409: conflict,
      422: { description: "Invalid input", schema: Problem },
    },
  },
  {
    method: "post",
    path: "/bookings",
    summary: "Book a slot for one of my candidates",
    auth: "manage",
    request: ApiBookInput,
    responses: {
      201: { description: "Booked", schema: BookingOutput },
      409: conflict,
      422: { description: "Invalid input", schema: Problem },
    },
  },
  {
    method: "delete",
    path: "/bookings/{id}",
    summary: "Cancel a booking; the freed slot goes to the first fitting candidate on the waitlist",
    auth: "manage",
    responses: {
      200: { description: "Cancelled" },
      404: { description: "Not found", schema: Problem },
      409: conflict,
    },
  },
  {
    method: "delete",
    path: "/registrations/{id}",
    summary: "Cancel a Minijobbmesse registration (id is the candidateId); the place goes back to the event",
    description:
      "Allowed while booking is open (for coordinators until the day), never once the candidate is checked in (409 registration-checked-in). The veileder gets a mail with a calendar cancellation.",
    auth: "manage",
    responses: {
      200: { description: "Cancelled" },
      404: { description: "Not found", schema: Problem },
      409: {
        description:
          "Refused; code is one of booking-closed, registration-checked-in, registration-in-use, not-a-registration (an event with slots: cancel its bookings instead)",
        schema: Problem,
      },
    },
  },
  {
    method: "get",
    path: "/bookings",
    summary: "My bookings, waitlist entries and Minijobbmesse registrations across events",
    auth: "manage",
    responses: { 200: { description: "My bookings" } },
  },
];

export function openApiDocument(operations: OperationSpec[]): Json {
  const paths: Record<string, Json> = {};
  for (const op of operations) {
    const responses: Json = {
      401: {
        description: "Missing bearer token",
        content: { "application/problem+json": { schema: schema(Problem) } },
      },
      403: {
        description:
          "Unknown, revoked or expired token; `token-read-only` for a change with a read-only token; `outside-region` for a resource outside the token's regions",
        content: { "application/problem+json": { schema: schema(Problem) } },
      },
    };
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema
          ? {
              content: {
                [Number(status) >= 400 ? "application/problem+json" : "application/json"]: {
                  schema: schema(r.schema),
                },
              },
            }
          : {}),
      };
    }
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    paths[op.path] ??= {};
    (paths[op.path] as Json)[op.method] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      security: [{ [op.auth]: [] }],
      ...(params.length ? { parameters: params } : {}),
      ...(op.request
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schema(op.request, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Ta sjansen API", version: "1" },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: {
        coordinator: {
          type: "http",
          scheme: "bearer",
          description:
            "API token from «API-tokener» or `npm run admin -- create-token`: read-only or read-write, one region or all the owner reaches, valid 90 days unless chosen otherwise",
        },
        booking: { type: "http", scheme: "bearer", description: "The event's booking-link token" },
        manage: { type: "http", scheme: "bearer", description: "A veileder's manage-link token" },
      },
    },
    paths,
  };
}
