import type { CreateReportReqDto } from './dto/create-report.req.dto';

/** Only the filters that were given, for storing with the report. */
export function givenFilters(filters: CreateReportReqDto): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
}
