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

  const STAGES = { scheduled: "venter", "in-room": "inne nå", finished: "ferdig", "no-show": "ikke møtt" };
  const FILTERS = [
    ["alle", "Alle", () => true],
    ["venter", "Venter", (a) => a.status === "expected" || a.status === "waiting"],
    ["inne", "Inne", (a) => a.status === "inside"],
    ["ferdig", "Ferdig", (a) => a.status === "done"],
    ["ikke-mott", "Ikke møtt", (a) => a.status === "no-show"],
  ];
  let filter = "alle";
  let query = "";
  /** What the last tap on each card (or on undo, delay) answered, shown where it was tapped. */
  const results = new Map();
  const RESULT_MS = 20_000;

  // A tablet keeps one random id, so «Angre» can mean this tablet's own last action.
  let device = null;
  try {
    device = localStorage.getItem("ta-sjansen-device");
    if (!device) {
      device = `d-${(crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}${Math.random()}`).replace(/[^A-Za-z0-9]/g, "")}`;
      localStorage.setItem("ta-sjansen-device", device);
    }
  } catch {
    device = null;
  }
  const myActor = role === "host" && device ? `host:${device}` : null;
  const sentIds = new Set();
  const mine = (l) => (myActor && l.actor === myActor) || sentIds.has(l.id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === "class") node.className = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }

  function say(text) {
    if (!message) return;
    // Emptied first so the same words twice in a row are announced twice.
    message.textContent = "";
    setTimeout(() => {
      message.textContent = text;
    }, 50);
  }

  // Oslo time from the server's clock, not the tablet's.
  function nowText() {
    return new Date(Date.now() + clockOffset).toLocaleTimeString("nb-NO", {
      timeZone: "Europe/Oslo",
      hour: "2-digit",
      minute: "2-digit",
    });
  }
  function tickClock() {
    const text = nowText();
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
  const isPending = (action) => [...pending.values()].some((p) => actionKey(p.action) === actionKey(action));

  /**
   * `where` names the card or control the answer belongs on; `what` names the action, short for the card
   * ("Ankommet") and in full for the screen reader ("Nr. 4 Sara L. ankommet"), as a string or { short, full }.
   */
  function send(action, where, whatIn) {
    const what = typeof whatIn === "string" ? { short: whatIn, full: whatIn } : whatIn;
    // A second tap on a button whose action is still on its way would only be refused as stale.
    if (isPending(action)) return;
    const id = newId();
    sentIds.add(id);
    pending.set(id, { action, where, what });
    flush(id);
  }
  /** Shows the answer where it was tapped (short: the card already names the candidate) and reads it out. */
  function answer(where, text, kind, spoken) {
    results.set(where, { text, kind, at: Date.now() });
    say(spoken || text);
  }
  function flush(id) {
    const p = pending.get(id);
    const label = p.what.short;
    if (!socket?.connected) {
      const text = `${label}: frakoblet, sendes når nettet er tilbake.`;
      answer(p.where, text, "warning", `${p.what.full}: frakoblet, sendes når nettet er tilbake.`);
      render();
      return;
    }
    socket.timeout(8000).emit("host:action", { id, action: p.action }, (err, res) => {
      if (err) return; // no answer: it stays pending and is resent on reconnect, applied once.
      pending.delete(id);
      if (res.ok) answer(p.where, `✓ ${label} (${nowText()})`, "success", `${p.what.full}: registrert.`);
      else
        answer(
          p.where,
          `${label} ble ikke registrert: ${res.message}`,
          "error",
          `${p.what.full}: ikke registrert. ${res.message}`,
        );
      // A refusal brings no new snapshot: draw the button as tappable again.
      render();
    });
  }

  /**
   * `key` names the control across re-renders (a snapshot replaces the DOM), so focus can come back to it;
   * `group` ("candidate-4:actions") names the row of buttons it sits in on a candidate's card: when the
   * control itself is gone, focus goes to the next button in that row, else to the card.
   */
  function button(label, onTap, opts) {
    const waiting = opts.action ? isPending(opts.action) : false;
    const b = el(
      "button",
      {
        class: `aksel-button day-button${opts.class ? ` ${opts.class}` : ""}`,
        type: "button",
        "data-variant": opts.variant || "secondary",
        "data-key": opts.key,
        "data-group": opts.group,
        // aria-disabled, not disabled: the button keeps focus while its action waits for the network.
        "aria-disabled": waiting || opts.disabled ? "true" : null,
      },
      el(
        "span",
        { class: "aksel-label" },
        label,
        opts.extra ? el("span", { class: "sr-only" }, ` ${opts.extra}`) : null,
        waiting ? " (venter på nett)" : null,
      ),
    );
    b.addEventListener("click", () => {
      if (!opts.disabled) onTap();
    });
    return b;
  }
  const actionButton = (label, action, where, what, opts) =>
    button(label, () => send(action, where, what), { ...opts, action });

  function resultLine(where, cls) {
    const r = results.get(where);
    if (!r || Date.now() - r.at > RESULT_MS) return el("p", { class: cls });
    return el("p", { class: cls, "data-kind": r.kind }, r.text);
  }

  // ---- the lobby board ----
  function boardColumns(n) {
    if (n <= 3) return Math.max(n, 1);
    if (n === 4) return 2;
    // Three wide columns up to nine rooms keep names whole; four only when twelve must fit.
    if (n <= 9) return 3;
    return 4;
  }
  /** Who sits in the room: a Speedintervju's panel, named, or the employer. */
  function roomHost(r) {
    return r.panel ? `Intervjupanel: ${r.panel}` : r.employer;
  }

  function boardStateText(r) {
    if (r.state === "in-interview") return `Inne: ${r.current?.name || ""}`;
    return r.stateLabel;
  }
  /** A Minijobbmesse's room on the board: open, how many are inside now and how many have been in. */
  function boardOpenRoom(r) {
    const v = r.visitors;
    return el(
      "section",
      {
        class: "room room--open",
        "aria-label": `${r.room}: ${r.stateLabel}`,
        "data-room": r.participationId,
      },
      el("h2", { class: "room__name" }, r.room),
      el("p", { class: "room__employer" }, r.employer),
      el("p", { class: "room__state room__inside", "data-inside": v.inside }, `${v.inside} inne nå`),
      el("p", { class: "room__total", "data-total": v.total }, `${v.total} besøk totalt`),
      v.people.length ? el("p", { class: "room__line" }, v.people.map((p) => p.name).join(", ")) : null,
    );
  }
  function renderBoard(container) {
    const n = snapshot.rooms.length;
    const cols = boardColumns(n);
    container.dataset.cols = String(cols);
    container.dataset.rows = String(Math.ceil(n / cols));
    container.replaceChildren(
      ...snapshot.rooms.map((r) =>
        r.visitors
          ? boardOpenRoom(r)
          : el(
              "section",
              {
                class: `room room--${r.state}${r.delayMinutes ? " room--late" : ""}`,
                "aria-label": `${r.room}: ${r.stateLabel}`,
              },
              el("h2", { class: "room__name" }, r.room),
              el("p", { class: "room__employer" }, roomHost(r)),
              el("p", { class: "room__state" }, boardStateText(r)),
              r.minutesLeft !== null ? el("p", { class: "room__left" }, `${r.minutesLeft} min igjen`) : null,
              r.delayMinutes ? el("p", { class: "room__delay" }, `Forsinket ${r.delayMinutes} min`) : null,
              r.next ? el("p", { class: "room__line" }, `Neste ${r.next.time}: ${r.next.name || ""}`) : null,
            ),
      ),
    );
  }

  // ---- the host's rooms beside the list ----
  function renderRoomRail(container) {
    container.replaceChildren(
      ...snapshot.rooms.map((r) =>
        el(
          "li",
          {
            class: `rail-room room--${r.state}${r.delayMinutes ? " room--late" : ""}`,
            "data-room": r.participationId,
            "aria-label": `${r.room}: ${r.stateLabel}`,
          },
          el(
            "h3",
            { class: "rail-room__name" },
            el("span", {}, r.room),
            " ",
            el("span", { class: "rail-room__employer" }, roomHost(r)),
          ),
          el(
            "p",
            { class: "rail-room__state" },
            el(
              "strong",
              {},
              r.state === "in-interview" && r.minutesLeft !== null
                ? `Inne, ${r.minutesLeft} min igjen`
                : r.stateLabel,
            ),
            r.current?.number ? ` nr. ${r.current.number}` : "",
            r.delayMinutes
              ? el("strong", { class: "rail-room__late" }, ` · ${r.delayMinutes} min forsinket`)
              : null,
            r.next ? ` · Neste ${r.next.time} nr. ${r.next.number}` : "",
          ),
        ),
      ),
    );
  }

  // ---- the host's candidates ----
  const fold = (s) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  function matches(a) {
    const q = query.trim();
    if (!q) return FILTERS.find((f) => f[0] === filter)[2](a);
    if (/^\d+$/.test(q)) return String(a.number).startsWith(q);
    return fold(a.name).includes(fold(q)) || fold(`nr ${a.number}`) === fold(q.replace(/\./g, ""));
  }
  function visibleArrivals() {
    const list = snapshot.arrivals.filter(matches);
    const q = query.trim();
    // A number typed in full goes first, before 170 or 17x.
    if (/^\d+$/.test(q)) list.sort((a, b) => (b.number === Number(q)) - (a.number === Number(q)));
    return list;
  }

  function renderFilters(container) {
    container.replaceChildren(
      ...FILTERS.map(([key, label, test]) =>
        button(
          `${label} (${snapshot.arrivals.filter(test).length})`,
          () => {
            filter = key;
            query = "";
            const find = document.getElementById("find");
            if (find) find.value = "";
            render();
          },
          {
            key: `filter-${key}`,
            variant: filter === key && !query ? "primary" : "tertiary",
            class: "filters__button",
          },
        ),
      ),
    );
    for (const b of container.querySelectorAll("button"))
      b.setAttribute("aria-pressed", String(b.dataset.key === `filter-${filter}` && !query));
  }

  function card(a) {
    const who = `nr. ${a.number} ${a.name}`;
    const group = `candidate-${a.candidateId}`;
    const v = a.version;
    const what = (short) => ({ short, full: `Nr. ${a.number} ${a.name}: ${short.toLowerCase()}` });
    const next = a.interviews.find((i) => i.bookingId === a.nextBookingId);
    const isPrimary = (kind, bookingId) =>
      a.primary && a.primary.kind === kind && (bookingId === undefined || a.primary.bookingId === bookingId);
    const opts = (kind, bookingId, extra) => ({
      variant: isPrimary(kind, bookingId) ? "primary" : kind === "no-show" ? "tertiary" : "secondary",
      key: `${kind}-${bookingId ?? a.candidateId}`,
      group: `${group}:actions`,
      extra,
    });
    const buttons = [];
    if (!a.arrived)
      buttons.push(
        actionButton(
          "Ankommet",
          { kind: "arrive", candidateId: a.candidateId, version: v },
          group,
          what("Ankommet"),
          opts("arrive", undefined, who),
        ),
      );
    if (snapshot.usesPepTalk && a.arrived && !a.pepTalk && a.status === "waiting")
      buttons.push(
        actionButton(
          "Pep talk ferdig",
          { kind: "pep-talk", candidateId: a.candidateId, version: v },
          group,
          what("Pep talk ferdig"),
          opts("pep-talk", undefined, who),
        ),
      );
    if (next && next.stage === "scheduled" && a.arrived)
      buttons.push(
        actionButton(
          "Send inn",
          { kind: "start", bookingId: next.bookingId, version: v },
          group,
          what(`Sendt inn til ${next.room}`),
          opts("start", next.bookingId, `${who} til ${next.employer}`),
        ),
      );
    if (next && next.stage === "in-room")
      buttons.push(
        actionButton(
          "Ferdig",
          { kind: "finish", bookingId: next.bookingId, version: v },
          group,
          what("Intervju ferdig"),
          opts("finish", next.bookingId, `intervjuet med ${who}`),
        ),
      );
    if (!a.arrived && !a.noShow)
      buttons.push(
        actionButton(
          "Ikke møtt",
          { kind: "no-show", candidateId: a.candidateId, version: v },
          group,
          what("Ikke møtt"),
          opts("no-show", undefined, who),
        ),
      );
    // The primary button first, where the thumb expects it.
    buttons.sort((x, y) => (y.dataset.variant === "primary") - (x.dataset.variant === "primary"));

    const chips = [
      a.arrived ? el("span", { class: "chip chip--ok" }, `Ankom ${a.arrived}`) : null,
      a.pepTalk ? el("span", { class: "chip chip--ok" }, "Pep talk ferdig") : null,
      a.caseworkerJoins ? el("span", { class: "chip" }, "Veileder blir med inn") : null,
      a.needsAdaptation ? el("span", { class: "chip" }, "Tilrettelegging") : null,
    ];
    const hint =
      a.waitingFor === "room-busy" && next
        ? `${next.room} er opptatt`
        : a.waitingFor === "not-due" && next
          ? `Inn kl. ${next.time}`
          : null;
    const compact = a.status === "done" || a.status === "no-show";
    return el(
      "li",
      {
        class: `arrival arrival--${a.status}${compact ? " arrival--compact" : ""}`,
        "data-key": group,
        "data-group-root": group,
        "data-number": a.number,
        tabindex: -1,
      },
      el(
        "div",
        { class: "arrival__main" },
        el(
          "div",
          { class: "arrival__head" },
          el(
            "h3",
            { class: "arrival__name" },
            el("span", { class: "arrival__number" }, `Nr. ${a.number}`),
            ` ${a.name}`,
          ),
          el("span", { class: `status status--${a.status}` }, a.statusLabel),
        ),
        compact
          ? el(
              "p",
              { class: "arrival__summary" },
              a.interviews.map((i) => `${i.time} ${i.room} (${STAGES[i.stage]})`).join(" · "),
            )
          : [
              el(
                "p",
                { class: "arrival__meta" },
                el("span", {}, `Veileder: ${a.caseworker}${a.backup ? ` (reserve: ${a.backup})` : ""}`),
                chips,
              ),
              el(
                "ul",
                { class: "arrival__interviews" },
                a.interviews.map((i) =>
                  el(
                    "li",
                    { class: i.bookingId === a.nextBookingId ? "is-next" : null },
                    el("span", { class: "arrival__time" }, i.time),
                    ` ${i.room} · ${i.employer} – ${STAGES[i.stage]}`,
                    i.plannedTime ? ` (planlagt ${i.plannedTime})` : "",
                  ),
                ),
              ),
              hint ? el("p", { class: "arrival__hint" }, hint) : null,
            ],
      ),
      buttons.length ? el("div", { class: "arrival__actions" }, buttons) : null,
      resultLine(group, "arrival__result"),
    );
  }

  function renderArrivals(container) {
    if (!snapshot.arrivals.length) {
      container.replaceChildren(el("li", { class: "arrivals__empty" }, "Ingen kandidater er booket."));
      return;
    }
    const list = visibleArrivals();
    container.replaceChildren(
      ...(list.length
        ? list.map(card)
        : [el("li", { class: "arrivals__empty" }, "Ingen kandidater å vise.")]),
    );
    const listStatus = document.getElementById("list-status");
    const q = query.trim();
    const text = q ? `${list.length} treff for «${q}»` : "";
    if (listStatus && listStatus.textContent !== text) listStatus.textContent = text;
  }

  function actionText(l) {
    // A Minijobbmesse's visit taps read as what happened: «Nr. 4 inn i Samtalerom 2».
    if ((l.kind === "enter" || l.kind === "leave") && l.number)
      return `Nr. ${l.number} ${l.kind === "enter" ? "inn i" : "ut av"} ${l.room || "rommet"}`;
    return `${l.what}${l.number ? ` nr. ${l.number}` : ""}${l.kind === "delay" && l.room ? ` i ${l.room}` : ""}`;
  }
  function renderUndo() {
    const undo = document.getElementById("undo");
    if (!undo) return;
    const last = snapshot.log.find((l) => mine(l) && !l.undone && l.kind !== "undo");
    const fresh = button(
      last ? `Angre: ${actionText(last)}` : "Angre",
      () => {
        if (!last) return answer("undo", "Dette nettbrettet har ingen handling å angre.", "info");
        if (!socket?.connected)
          return answer("undo", "Frakoblet: angre virker først når nettet er tilbake.", "warning");
        send({ kind: "undo", actionId: last.id }, "undo", `Angre ${actionText(last)}`);
      },
      {
        key: "undo",
        variant: "secondary",
        disabled: !last,
        extra: last ? null : "(ingenting å angre fra dette nettbrettet)",
      },
    );
    fresh.id = "undo";
    fresh.setAttribute("aria-describedby", "undo-result");
    undo.replaceWith(fresh);
    document
      .getElementById("undo-result")
      .replaceWith(Object.assign(resultLine("undo", "day__result"), { id: "undo-result" }));
  }

  function renderRecent(container) {
    const recent = snapshot.log.filter((l) => l.kind !== "undo").slice(0, 6);
    if (!recent.length) {
      container.replaceChildren(el("li", {}, "Ingen handlinger ennå."));
      return;
    }
    container.replaceChildren(
      ...recent.map((l) =>
        el(
          "li",
          { class: "recent__item" },
          el(
            "span",
            {},
            `${l.at} ${actionText(l)} – ${mine(l) ? "dette nettbrettet" : l.who}${l.undone ? " (angret)" : ""}`,
          ),
          l.undoable && !l.undone
            ? button(
                "Angre",
                () => {
                  if (!socket?.connected)
                    return answer("undo", "Frakoblet: angre virker først når nettet er tilbake.", "warning");
                  send({ kind: "undo", actionId: l.id }, "undo", `Angre ${actionText(l)}`);
                },
                {
                  key: `undo-${l.id}`,
                  extra: `${actionText(l)} (${l.who}, ${l.at})`,
                  class: "aksel-button--small",
                },
              )
            : null,
        ),
      ),
    );
  }

  function renderLog(container) {
    container.replaceChildren(
      ...snapshot.log.map((l) =>
        el(
          "li",
          {},
          `${l.at} ${l.what}${l.number ? ` – nr. ${l.number}` : ""}${l.room ? ` – ${l.room}` : ""} – ${l.who}${l.undone ? " (angret)" : ""}`,
        ),
      ),
    );
  }

  /**
   * Redraws from the snapshot. Every snapshot (another tablet's tap, the clock tick) replaces the DOM, so
   * the control that had focus gets it back; otherwise a keyboard or switch user would be thrown to the
   * top of the page every 30 seconds.
   */
  function render() {
    const active = document.activeElement;
    const key = active?.dataset?.key;
    const group = active?.dataset?.group;
    const cardKey = group ? group.split(":")[0] : active?.dataset?.groupRoot;

    const rooms = document.getElementById("rooms");
    if (rooms) (role === "board" ? renderBoard : renderRoomRail)(rooms);
    const visitors = document.getElementById("visitors");
    if (visitors) renderVisitors(visitors);
    const selected = document.getElementById("selected");
    if (selected) renderSelected(selected);
    const fairRooms = document.getElementById("fair-rooms");
    if (fairRooms) renderFairRooms(fairRooms);
    const filters = document.getElementById("filters");
    if (filters) renderFilters(filters);
    const arrivals = document.getElementById("arrivals");
    if (arrivals) renderArrivals(arrivals);
    renderUndo();
    const recent = document.getElementById("recent");
    if (recent) renderRecent(recent);
    const delayResult = document.getElementById("delay-result");
    if (delayResult)
      delayResult.replaceWith(Object.assign(resultLine("delay", "day__result"), { id: "delay-result" }));
    const log = document.getElementById("log");
    if (log) renderLog(log);
    tickClock();

    if (!key && !cardKey) return;
    if (active?.isConnected) return;
    const again =
      (key && root.querySelector(`[data-key="${key}"]`)) ||
      // The tapped button is gone (e.g. «Ankommet»): the next one on the same card, else the card itself.
      (group && root.querySelector(`[data-group="${group}"]`)) ||
      (cardKey && root.querySelector(`[data-group-root="${cardKey}"]`));
    if (again) again.focus({ preventScroll: true });
  }

  // ---- a Minijobbmesse: tap a candidate, then the room they walk into (or «Ut av rommet») ----
  let selectedId = null;
  const selectedVisitor = () => snapshot.arrivals.find((a) => a.candidateId === selectedId) || null;
  const visitorName = (a) => `Nr. ${a.number} ${a.name}`;
  const place = (a) => (a.inRoom ? a.inRoom.room : a.statusLabel);

  /** Shows (and reads out) why a tap on a room did nothing. */
  function tell(text, kind) {
    answer("fair", text, kind);
    render();
  }
  /** Puts a tile's lines into a button's label, leaving out the ones that do not apply. */
  const fill = (node, ...children) =>
    node.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));

  function renderVisitors(container) {
    if (!snapshot.arrivals.length) {
      container.replaceChildren(el("li", { class: "arrivals__empty" }, "Ingen kandidater er påmeldt."));
      return;
    }
    container.replaceChildren(
      ...snapshot.arrivals.map((a) => {
        const b = button(
          "",
          () => {
            selectedId = selectedId === a.candidateId ? null : a.candidateId;
            render();
          },
          { key: `visitor-${a.candidateId}`, variant: "secondary", class: `visitor visitor--${a.status}` },
        );
        b.setAttribute("aria-pressed", String(selectedId === a.candidateId));
        b.dataset.number = String(a.number);
        fill(
          b.firstChild,
          el("span", { class: "visitor__number" }, String(a.number)),
          el("span", { class: "visitor__name" }, a.name),
          el("span", { class: "visitor__place" }, place(a)),
        );
        return el("li", {}, b);
      }),
    );
    const count = document.getElementById("people-count");
    if (count) {
      const n = (s) => snapshot.arrivals.filter((a) => a.status === s).length;
      count.textContent = `${n("lobby") + n("inside")} av ${snapshot.arrivals.length} har kommet · ${n("inside")} i rom`;
    }
  }

  function renderSelected(container) {
    const a = selectedVisitor();
    if (!a) {
      selectedId = null;
      container.replaceChildren(
        el(
          "p",
          { class: "fair__prompt" },
          "Velg en kandidat til venstre, og trykk så på rommet hen går inn i.",
        ),
        resultLine("fair", "day__result"),
      );
      return;
    }
    const group = `visitor-${a.candidateId}`;
    const what = (short) => ({
      short: `Nr. ${a.number}: ${short}`,
      full: `${visitorName(a)}: ${short.toLowerCase()}`,
    });
    const opts = (kind, variant) => ({ variant, key: `${kind}-${a.candidateId}`, group: `${group}:actions` });
    const buttons = [];
    if (!a.arrived)
      buttons.push(
        actionButton(
          "Ankommet",
          { kind: "arrive", candidateId: a.candidateId, version: a.version },
          "fair",
          what("Ankommet"),
          opts("arrive", "primary"),
        ),
      );
    if (!a.arrived && !a.noShow)
      buttons.push(
        actionButton(
          "Ikke møtt",
          { kind: "no-show", candidateId: a.candidateId, version: a.version },
          "fair",
          what("Ikke møtt"),
          opts("no-show", "tertiary"),
        ),
      );
    if (a.inRoom)
      buttons.push(
        button(
          "Ut av rommet",
          () => {
            send(
              { kind: "leave", candidateId: a.candidateId, version: a.version },
              "fair",
              what(`Ut av ${a.inRoom.room}`),
            );
            selectedId = null;
            render();
          },
          {
            ...opts("leave", "primary"),
            action: { kind: "leave", candidateId: a.candidateId, version: a.version },
          },
        ),
      );
    const hint = !a.arrived
      ? "Registrer ankomst før kandidaten går inn i et rom."
      : a.inRoom
        ? `Inne i ${a.inRoom.room}. Trykk på et annet rom for å flytte.`
        : "Trykk på rommet kandidaten går inn i.";
    container.replaceChildren(
      el(
        "h3",
        { class: "fair__who" },
        visitorName(a),
        el("span", { class: `status status--${a.status === "lobby" ? "waiting" : a.status}` }, place(a)),
      ),
      el(
        "p",
        { class: "fair__meta" },
        `Veileder: ${a.caseworker}${a.caseworkerJoins ? " (blir med inn)" : ""}${a.needsAdaptation ? " · Tilrettelegging" : ""}`,
      ),
      el("p", { class: "fair__hint" }, hint),
      buttons.length ? el("div", { class: "fair__actions" }, buttons) : null,
      resultLine("fair", "day__result"),
    );
  }

  function renderFairRooms(container) {
    const a = selectedVisitor();
    container.replaceChildren(
      ...snapshot.rooms.map((r) => {
        const v = r.visitors || { inside: 0, total: 0, people: [] };
        const here = Boolean(a?.inRoom && a.inRoom.participationId === r.participationId);
        const action = a
          ? {
              kind: "enter",
              candidateId: a.candidateId,
              participationId: r.participationId,
              version: a.version,
            }
          : null;
        const b = button(
          "",
          () => {
            if (!a) return tell("Velg en kandidat først.", "info");
            if (!a.arrived) return tell(`${visitorName(a)} er ikke registrert som ankommet.`, "error");
            if (here) return tell(`${visitorName(a)} er allerede i ${r.room}.`, "info");
            send(action, "fair", {
              short: `Nr. ${a.number} inn i ${r.room}`,
              full: `${visitorName(a)}: inn i ${r.room} (${r.employer})`,
            });
            selectedId = null;
            render();
          },
          {
            key: `room-${r.participationId}`,
            variant: a?.arrived && !here ? "primary" : "secondary",
            class: `fair-room${here ? " fair-room--here" : ""}`,
            action,
          },
        );
        // Not tappable for this candidate, but still focusable, and a tap says why (see the handler above).
        if (!a?.arrived || here) b.setAttribute("aria-disabled", "true");
        b.dataset.room = String(r.participationId);
        fill(
          b.firstChild,
          action && isPending(action)
            ? el("span", { class: "fair-room__waiting" }, "Venter på nett …")
            : null,
          el("span", { class: "fair-room__name" }, r.room),
          el("span", { class: "fair-room__employer" }, r.employer),
          el(
            "span",
            { class: "fair-room__counts" },
            el("strong", { "data-inside": v.inside }, `${v.inside} inne nå`),
            ` · ${v.total} besøk totalt`,
          ),
          el(
            "span",
            { class: "fair-room__people" },
            v.people.length ? `Inne: ${v.people.map((p) => p.number).join(", ")}` : "Ingen inne",
          ),
          a?.arrived
            ? el(
                "span",
                { class: "sr-only" },
                here ? ` – ${visitorName(a)} er her nå` : ` – send ${visitorName(a)} inn hit`,
              )
            : null,
        );
        return el("li", {}, b);
      }),
    );
  }

  // ---- search: a number and Enter go straight to the candidate ----
  const find = document.getElementById("find");
  if (find) {
    find.addEventListener("input", () => {
      query = find.value;
      render();
    });
    // One tap on the field and the old search is gone: the next number is typed straight in.
    find.addEventListener("focus", () => find.select());
    find.addEventListener("keydown", (ev) => {
      if (ev.key !== "Enter") return;
      ev.preventDefault();
      const first = document.querySelector("#arrivals .arrival");
      if (!first) return;
      const target = first.querySelector('button[data-variant="primary"]') || first;
      target.focus();
      first.scrollIntoView({ block: "nearest" });
    });
  }

  // ---- delay: one form for all rooms ----
  const delayForm = document.getElementById("delay");
  if (delayForm) {
    const roomSelect = document.getElementById("delay-room");
    const minutes = document.getElementById("delay-minutes");
    roomSelect.addEventListener("change", () => {
      const r = snapshot.rooms.find((x) => String(x.participationId) === roomSelect.value);
      if (r) minutes.value = String(r.delayMinutes);
    });
    delayForm.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const r = snapshot.rooms.find((x) => String(x.participationId) === roomSelect.value);
      if (!r) return;
      send(
        { kind: "delay", participationId: r.participationId, minutes: Number(minutes.value) },
        "delay",
        `Forsinkelse ${minutes.value} min i ${r.room}`,
      );
    });
  }

  render();
  if (typeof io !== "function") {
    if (status) status.textContent = "Direkteoppdatering er ikke tilgjengelig. Last siden på nytt.";
    return;
  }
  socket = io({
    auth:
      role === "coordinator"
        ? { role, eventId }
        : role === "host" && device
          ? { role, token, device }
          : { role, token },
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
