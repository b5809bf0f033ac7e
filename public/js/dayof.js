// Live day screens (hovmester, romtavle, koordinator): renders the server's snapshot and sends host actions.
// Shapes: see server/realtime/events.ts (ServerToClientEvents, ClientToServerEvents) and DaySnapshot.
/* global io */
(() => {
  const root = document.getElementById("day");
  if (!root) return;
  const role = root.dataset.role;
  const token = root.dataset.token;
  const eventId = Number(root.dataset.event);
  let snapshot = JSON.parse(root.dataset.snapshot);
  let clockOffset = Date.parse(snapshot.serverNow) - Date.now();
  const status = document.getElementById("connection");
  const message = document.getElementById("message");

  const STAGES = { scheduled: "Venter", "in-room": "I intervju", finished: "Ferdig", "no-show": "Ikke møtt" };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("data-")) node.setAttribute(k, String(v));
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }

  function say(text, kind) {
    if (!message) return;
    message.textContent = text;
    message.dataset.kind = kind || "info";
  }

  // Oslo time from the server's clock, not the tablet's.
  function tickClock() {
    const now = new Date(Date.now() + clockOffset);
    const text = now.toLocaleTimeString("nb-NO", {
      timeZone: "Europe/Oslo",
      hour: "2-digit",
      minute: "2-digit",
    });
    for (const c of document.querySelectorAll("[data-clock]")) c.textContent = text;
  }
  setInterval(tickClock, 5000);

  // ---- actions: an id per action, resent with the same id until the server answers ----
  const pending = new Map();
  let socket = null;
  function newId() {
    return crypto.randomUUID
      ? crypto.randomUUID()
      : `${Date.now()}-${Math.random().toString(36).slice(2, 12)}`;
  }
  const actionKey = (action) => JSON.stringify(action);
  const isPending = (action) => [...pending.values()].some((a) => actionKey(a) === actionKey(action));
  function send(action) {
    // A second tap on a button whose action is still on its way would only be refused as stale.
    if (isPending(action)) return;
    const id = newId();
    pending.set(id, action);
    flush(id);
  }
  function flush(id) {
    if (!socket?.connected) {
      say("Frakoblet: handlingen sendes når nettet er tilbake.", "warning");
      render();
      return;
    }
    socket.timeout(8000).emit("host:action", { id, action: pending.get(id) }, (err, res) => {
      if (err) return; // no answer: it stays pending and is resent on reconnect, applied once.
      pending.delete(id);
      if (res.ok) say(res.replay ? "Handlingen var allerede registrert." : "Registrert.", "success");
      else say(res.message, "error");
      // A refusal brings no new snapshot: draw the button as tappable again.
      render();
    });
  }

  /**
   * `key` names the control across re-renders (a snapshot replaces the DOM), so focus can come back to it;
   * `group` ("candidate-4:actions") names the row of buttons it sits in on a candidate's card: when the
   * control itself is gone, focus goes to the next button in that row, else to the card.
   */
  function button(label, action, variant, extraLabel, key, group) {
    const waiting = isPending(action);
    const b = el(
      "button",
      {
        class: "aksel-button day-button",
        type: "button",
        "data-variant": variant || "secondary",
        "data-key": key,
        "data-group": group,
        // aria-disabled, not disabled: the button keeps focus while its action waits for the network.
        "aria-disabled": waiting ? "true" : null,
      },
      el(
        "span",
        { class: "aksel-label" },
        label,
        extraLabel ? el("span", { class: "sr-only" }, ` ${extraLabel}`) : null,
        waiting ? " (venter på nett)" : null,
      ),
    );
    b.addEventListener("click", () => send(action));
    return b;
  }

  // ---- rendering ----
  function renderRooms(container, board) {
    container.replaceChildren(
      ...snapshot.rooms.map((r) =>
        el(
          "section",
          { class: `room room--${r.state}`, "aria-label": `${r.room}: ${r.stateLabel}` },
          // On the board the rooms are the page's sections; on the host page they sit under the «Rom» h2.
          el(board ? "h2" : "h3", { class: "room__name" }, r.room),
          el("p", { class: "room__employer" }, r.employer),
          el(
            "p",
            { class: "room__state" },
            r.stateLabel,
            r.minutesLeft !== null ? ` – ${r.minutesLeft} min igjen` : "",
          ),
          r.delayMinutes ? el("p", { class: "room__delay" }, `Forsinket ${r.delayMinutes} min`) : null,
          r.current
            ? el(
                "p",
                { class: "room__line" },
                el("strong", {}, "Inne: "),
                `${r.current.time} ${r.current.name || ""}`,
              )
            : null,
          r.next
            ? el(
                "p",
                { class: "room__line" },
                el("strong", {}, "Neste: "),
                `${r.next.time} ${r.next.name || ""}`,
              )
            : null,
          board ? null : delayControl(r),
        ),
      ),
    );
  }

  function delayControl(r) {
    const id = `delay-${r.participationId}`;
    const input = el("input", {
      id,
      name: "minutes",
      "data-key": id,
      type: "number",
      min: 0,
      max: 180,
      step: 5,
      value: r.delayMinutes,
      inputmode: "numeric",
      class: "aksel-text-field__input delay__input",
    });
    const form = el(
      "form",
      { class: "delay" },
      el("label", { for: id, class: "aksel-label" }, `Forsinkelse i ${r.room} (minutter)`),
      input,
      el(
        "button",
        {
          class: "aksel-button day-button",
          type: "submit",
          "data-variant": "secondary",
          "data-key": `${id}-set`,
        },
        el(
          "span",
          { class: "aksel-label" },
          "Sett",
          el("span", { class: "sr-only" }, ` forsinkelse i ${r.room}`),
        ),
      ),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      send({ kind: "delay", participationId: r.participationId, minutes: Number(input.value) });
    });
    return form;
  }

  function renderArrivals(container) {
    if (!snapshot.arrivals.length) {
      container.replaceChildren(el("p", { class: "aksel-body-long" }, "Ingen kandidater er booket."));
      return;
    }
    container.replaceChildren(
      ...snapshot.arrivals.map((a) => {
        const who = `nr. ${a.number} ${a.name}`;
        const chips = [
          a.arrived ? el("span", { class: "chip chip--ok" }, `Ankom ${a.arrived}`) : null,
          a.pepTalk ? el("span", { class: "chip chip--ok" }, "Pep talk ferdig") : null,
          a.noShow ? el("span", { class: "chip chip--warn" }, "Ikke møtt") : null,
          a.caseworkerJoins ? el("span", { class: "chip" }, "Veileder blir med inn") : null,
          a.needsAdaptation ? el("span", { class: "chip" }, "Trenger tilrettelegging") : null,
        ];
        const v = a.version;
        const group = `candidate-${a.candidateId}`;
        return el(
          "li",
          { class: "arrival", "data-key": group, "data-group-root": group, tabindex: -1 },
          el(
            "h3",
            { class: "arrival__name" },
            el("span", { class: "arrival__number" }, `Nr. ${a.number}`),
            ` ${a.name}`,
          ),
          el("p", {}, `Veileder: ${a.caseworker}${a.backup ? ` (reserve: ${a.backup})` : ""}`),
          el("p", { class: "chips" }, chips),
          el(
            "ul",
            { class: "arrival__interviews" },
            a.interviews.map((i) =>
              el(
                "li",
                {},
                `${i.time} ${i.employer}, ${i.room} – ${STAGES[i.stage]} `,
                i.stage === "scheduled"
                  ? button(
                      "Send inn",
                      { kind: "start", bookingId: i.bookingId, version: v },
                      "primary",
                      `${who} til ${i.employer}`,
                      `start-${i.bookingId}`,
                      `${group}:interviews`,
                    )
                  : null,
                i.stage === "in-room"
                  ? button(
                      "Ferdig",
                      { kind: "finish", bookingId: i.bookingId, version: v },
                      "primary",
                      `intervjuet med ${who}`,
                      `finish-${i.bookingId}`,
                      `${group}:interviews`,
                    )
                  : null,
              ),
            ),
          ),
          el(
            "div",
            { class: "actions" },
            a.arrived
              ? null
              : button(
                  "Ankommet",
                  { kind: "arrive", candidateId: a.candidateId, version: v },
                  "primary",
                  who,
                  `arrive-${a.candidateId}`,
                  `${group}:actions`,
                ),
            a.arrived && !a.pepTalk
              ? button(
                  "Veileder her / pep talk ferdig",
                  { kind: "pep-talk", candidateId: a.candidateId, version: v },
                  "secondary",
                  who,
                  `pep-talk-${a.candidateId}`,
                  `${group}:actions`,
                )
              : null,
            a.arrived || a.noShow
              ? null
              : button(
                  "Ikke møtt",
                  { kind: "no-show", candidateId: a.candidateId, version: v },
                  "tertiary",
                  who,
                  `no-show-${a.candidateId}`,
                  `${group}:actions`,
                ),
          ),
        );
      }),
    );
  }

  function renderLog(container) {
    container.replaceChildren(
      ...snapshot.log.map((l) =>
        el(
          "li",
          {},
          `${l.at} ${l.what}${l.number ? ` – nr. ${l.number}` : ""}${l.room ? ` – ${l.room}` : ""}${l.undone ? " (angret)" : ""}`,
        ),
      ),
    );
  }

  /**
   * Redraws from the snapshot. Every snapshot (another tablet's tap, the clock tick) replaces the DOM, so
   * the control that had focus gets it back, and a delay being typed keeps its digits; otherwise a
   * keyboard or switch user would be thrown to the top of the page every 30 seconds.
   */
  function render() {
    const active = document.activeElement;
    const key = active?.dataset?.key;
    const group = active?.dataset?.group;
    const card = group ? group.split(":")[0] : active?.dataset?.groupRoot;
    const typed = active instanceof HTMLInputElement ? active.value : null;

    const rooms = document.getElementById("rooms");
    if (rooms) renderRooms(rooms, role === "board");
    const arrivals = document.getElementById("arrivals");
    if (arrivals) renderArrivals(arrivals);
    const log = document.getElementById("log");
    if (log) renderLog(log);
    tickClock();

    if (!key && !card) return;
    if (active?.isConnected) return;
    const again =
      (key && root.querySelector(`[data-key="${key}"]`)) ||
      // The tapped button is gone (e.g. «Ankommet»): the next one on the same card, else the card itself.
      (group && root.querySelector(`[data-group="${group}"]`)) ||
      (card && root.querySelector(`[data-group-root="${card}"]`));
    if (!again) return;
    if (typed !== null && again instanceof HTMLInputElement) again.value = typed;
    again.focus({ preventScroll: true });
  }

  // Undo names the newest action this screen has seen, and is never queued while offline: minutes
  // later it could revert something another tablet did.
  const undo = document.getElementById("undo");
  if (undo)
    undo.addEventListener("click", () => {
      if (!socket?.connected) return say("Frakoblet: angre virker først når nettet er tilbake.", "warning");
      const last = snapshot.log.find((l) => !l.undone && l.kind !== "undo");
      if (!last) return say("Det er ingenting å angre.", "info");
      send({ kind: "undo", actionId: last.id });
    });

  render();
  if (typeof io !== "function") {
    if (status) status.textContent = "Direkteoppdatering er ikke tilgjengelig. Last siden på nytt.";
    return;
  }
  socket = io({
    auth: role === "coordinator" ? { role, eventId } : { role, token },
    transports: ["websocket", "polling"],
  });
  socket.on("connect", () => {
    if (status) status.textContent = "Tilkoblet";
    root.dataset.connected = "true";
    for (const id of pending.keys()) flush(id);
  });
  // The network is back: reconnect now rather than at the next back-off step (up to 5 s away), so the
  // actions tapped while offline go out at once.
  window.addEventListener("online", () => {
    if (!socket.connected) socket.disconnect().connect();
  });
  socket.on("disconnect", () => {
    if (status) status.textContent = "Frakoblet – prøver igjen …";
    root.dataset.connected = "false";
  });
  socket.on("connect_error", (err) => {
    if (status)
      status.textContent =
        err && err.message === "forbidden" ? "Lenken er ikke gyldig lenger." : "Frakoblet – prøver igjen …";
  });
  socket.on("day:snapshot", (s) => {
    snapshot = s;
    clockOffset = Date.parse(s.serverNow) - Date.now();
    root.dataset.version = String((Number(root.dataset.version) || 0) + 1);
    render();
  });
})();
