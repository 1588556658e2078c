import { stringify, Stringifier } from 'csv-stringify';

/** One review request as a report row. */
export interface ReportRow {
  id: string;
  title: string;
  status: string;
  workflow_id: string;
  author_id: string;
  tags: string;
  current_step_position: number | null;
  round: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  closed_at: string | null;
}

export const REPORT_COLUMNS: (keyof ReportRow)[] = [
  'id',
  'title',
  'status',
  'workflow_id',
  'author_id',
  'tags',
  'current_step_position',
  'round',
  'created_at',
  'updated_at',
  'submitted_at',
  'closed_at',
];

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe: the cell shows the text, nothing is executed (CSV/formula injection).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * An RFC 4180 CSV writer: a UTF-8 byte order mark first (so spreadsheet tools read UTF-8), a
 * header row, CRLF line ends, and fields quoted when they hold a comma, a quote (doubled) or a
 * line break. Text fields are neutralised against formula injection.
 */
export function reportCsvStringifier(): Stringifier {
  return stringify({
    bom: true,
    header: true,
    columns: REPORT_COLUMNS,
    record_delimiter: 'windows',
    cast: {
      string: (value) => neutraliseFormula(value),
    },
  });
}
