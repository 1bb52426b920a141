// Reads a CSV file as spreadsheets write it (RFC 4180 quoting, CRLF or LF, a byte-order mark), with a comma,
// semicolon (Excel in most of Europe) or tab between values, chosen from the header line. Each row keeps the line
// it starts on, so problems can name it.

export interface CsvRow {
  /** 1-based line the row starts on. */
  readonly line: number;
  readonly cells: readonly string[];
}

export type CsvResult =
  | { readonly ok: true; readonly rows: readonly CsvRow[] }
  | { readonly ok: false; readonly line: number; readonly message: string };

export function parseCsv(text: string): CsvResult {
  const input = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(input);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let cellStarted = false;
  const endRow = () => {
    cells.push(cell);
    // A line with nothing on it is not a row (spreadsheets leave them at the end).
    if (!(cells.length === 1 && cells[0]?.trim() === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < input.length; i++) {
    const char = input[i] as string;
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line++;
        cell += char;
      }
      continue;
    }
    if (char === '"') {
      if (cellStarted && cell.trim() !== '') {
        return { ok: false, line, message: 'a quote inside an unquoted value: put the whole value in quotes' };
      }
      cell = '';
      quoted = true;
      quoteLine = line;
      cellStarted = true;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      cellStarted = false;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += char;
      cellStarted = true;
    }
  }
  if (quoted) return { ok: false, line: quoteLine, message: 'a quoted value is never closed' };
  if (cellStarted || cells.length > 0) endRow();
  return { ok: true, rows };
}

/** The separator that occurs most often outside quotes on the first line; a comma when there is none. */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text.trimStart()) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [candidate, count] of counts) if (count > (counts.get(best) ?? 0)) best = candidate;
  return best;
}
