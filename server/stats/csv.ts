// Owns reading and writing CSV: the delimiter Norwegian spreadsheets use (semicolon) or a comma or tab, quoted
// fields, and exports that open in Excel with the right letters and no formula injection.

export type CsvRecord = { line: number; fields: string[] };

/** The delimiter the header line uses most: semicolon (Norwegian Excel), comma or tab. */
export function detectDelimiter(headerLine: string): string {
  const counts = [";", ",", "\t"].map((d) => ({ d, n: headerLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ";";
}

/**
 * Records with the (1-based) line number they start on. Quoted fields may hold the delimiter, "" for a quote, and
 * line breaks. Blank lines are skipped. A byte-order mark is ignored.
 */
export function parseCsv(text: string, delimiter?: string): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const d = delimiter ?? detectDelimiter(firstLine);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  const endRecord = () => {
    fields.push(field);
    if (any || fields.some((f) => f.trim() !== "")) records.push({ line: start, fields });
    fields = [];
    field = "";
    any = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      quoted = true;
      field = "";
      any = true;
    } else if (ch === d) {
      fields.push(field);
      field = "";
      any = true;
    } else if (ch === "\r" && src[i + 1] === "\n") {
      // handled with the \n
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      line++;
      start = line;
    } else {
      field += ch;
    }
  }
  if (field !== "" || fields.length) endRecord();
  return records.map((r) => ({ line: r.line, fields: r.fields.map((f) => f.trim()) }));
}

/** A cell Excel would run as a formula gets a leading apostrophe. */
function cell(value: string | number): string {
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Semicolon-separated with a byte-order mark and CRLF, as Norwegian Excel opens it. */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
}
