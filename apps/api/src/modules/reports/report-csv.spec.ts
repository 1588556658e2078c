import { neutraliseFormula, ReportRow, reportCsvStringifier } from './report-csv';

async function csvOf(rows: ReportRow[]): Promise<Buffer> {
  const stringifier = reportCsvStringifier();
  const chunks: Buffer[] = [];
  stringifier.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  const done = new Promise((resolve) => stringifier.on('end', resolve));
  for (const row of rows) stringifier.write(row);
  stringifier.end();
  await done;
  return Buffer.concat(chunks);
}

const row = (over: Partial<ReportRow> = {}): ReportRow => ({
  id: '1',
  title: 'Plain',
  status: 'draft',
  workflow_id: '2',
  author_id: '3',
  tags: '',
  current_step_position: null,
  round: 0,
  created_at: '2026-11-28T09:30:00.000Z',
  updated_at: '2026-11-28T09:30:00.000Z',
  submitted_at: null,
  closed_at: null,
  ...over,
});

describe('report CSV', () => {
  it('starts with a UTF-8 BOM and a header, and ends lines with CRLF', async () => {
    const csv = await csvOf([row()]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      'id,title,status,workflow_id,author_id,tags,current_step_position,round,created_at,updated_at,submitted_at,closed_at',
    );
    expect(text.split('\r\n')[1]).toBe(
      '1,Plain,draft,2,3,,,0,2026-11-28T09:30:00.000Z,2026-11-28T09:30:00.000Z,,',
    );
  });

  it('quotes commas, doubles quotes, keeps line breaks and non-ASCII text', async () => {
    const text = (
      await csvOf([row({ title: 'Say "hi", then\nleave — Zoë', tags: 'a;b' })])
    ).toString('utf8');
    expect(text).toContain('"Say ""hi"", then\nleave — Zoë"');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseFormula('+1')).toBe("'+1");
    expect(neutraliseFormula('@cmd')).toBe("'@cmd");
    expect(neutraliseFormula('plain')).toBe('plain');
  });
});
