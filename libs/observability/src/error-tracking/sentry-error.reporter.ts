import { Injectable } from '@nestjs/common';

import { ErrorReporter, ErrorReportContext } from '@app/core';

import { reportError } from './error-tracking';

/** The ErrorReporter the global exception filter calls for unexpected errors. */
@Injectable()
export class SentryErrorReporter implements ErrorReporter {
  report(error: unknown, context: ErrorReportContext): void {
    reportError(error, context);
  }
}
