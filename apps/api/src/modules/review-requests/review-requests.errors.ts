import { ConflictError, ForbiddenError, NotFoundError } from '@app/core';

/** The review feature's own error codes, mapped to HTTP by the global filter like any AppException. */
export const ReviewErrorCode = {
  INVALID_TRANSITION: 'REVIEW_INVALID_TRANSITION',
  STALE_VERSION: 'REVIEW_STALE_VERSION',
  ALREADY_DECIDED: 'REVIEW_ALREADY_DECIDED',
  OWN_REQUEST: 'REVIEW_OWN_REQUEST',
  WRONG_REVIEWER_ROLE: 'REVIEW_WRONG_REVIEWER_ROLE',
  NOT_EDITABLE: 'REVIEW_NOT_EDITABLE',
  WORKFLOW_INACTIVE: 'REVIEW_WORKFLOW_INACTIVE',
  NOT_AUTHOR: 'REVIEW_NOT_AUTHOR',
} as const;

export const reviewErrors = {
  notFound: (id: string) => NotFoundError.of('Review request', id),
  invalidTransition: (from: string, action: string) =>
    new ConflictError(`A request in status ${from} cannot be ${action}`, {
      code: ReviewErrorCode.INVALID_TRANSITION,
    }),
  staleVersion: (given: number, current: number) =>
    new ConflictError(
      `The request changed since you read it (your version ${given}, current ${current}); reload and retry`,
      {
        code: ReviewErrorCode.STALE_VERSION,
      },
    ),
  concurrentChange: () =>
    new ConflictError(
      'The request was changed by someone else at the same moment; reload and retry',
      {
        code: ReviewErrorCode.STALE_VERSION,
      },
    ),
  alreadyDecided: () =>
    new ConflictError('You have already decided on this step of this request', {
      code: ReviewErrorCode.ALREADY_DECIDED,
    }),
  ownRequest: () =>
    new ForbiddenError('Authors cannot decide on their own request', {
      code: ReviewErrorCode.OWN_REQUEST,
    }),
  wrongRole: (role: string) =>
    new ForbiddenError(`This step is decided by users with the ${role} role`, {
      code: ReviewErrorCode.WRONG_REVIEWER_ROLE,
    }),
  notEditable: (status: string) =>
    new ConflictError(
      `A request in status ${status} cannot be edited; only draft or changes_requested`,
      {
        code: ReviewErrorCode.NOT_EDITABLE,
      },
    ),
  notAuthor: () =>
    new ForbiddenError('Only the author can do this', { code: ReviewErrorCode.NOT_AUTHOR }),
  workflowInactive: () =>
    new ConflictError('The workflow is inactive; new requests cannot enter it', {
      code: ReviewErrorCode.WORKFLOW_INACTIVE,
    }),
};
