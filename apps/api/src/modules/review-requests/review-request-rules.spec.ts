import { ConflictError, ForbiddenError } from '@app/core';

import {
  Actor,
  assertCanDecide,
  assertCanEdit,
  assertVersion,
  planDecision,
  planSubmit,
  RequestRuleState,
  StepRule,
} from './review-request-rules';

const steps: StepRule[] = [
  { id: '20', position: 2, requiredApprovals: 1, reviewerRole: 'admin' },
  { id: '10', position: 1, requiredApprovals: 2, reviewerRole: 'reviewer' },
];
const author: Actor = { id: '1', role: 'author' };
const reviewer: Actor = { id: '2', role: 'reviewer' };
const admin: Actor = { id: '3', role: 'admin' };
const draft: RequestRuleState = {
  authorId: '1',
  status: 'draft',
  currentStepPosition: null,
  round: 0,
};
const inReview = (position: number, round = 1): RequestRuleState => ({
  authorId: '1',
  status: 'in_review',
  currentStepPosition: position,
  round,
});

describe('review request rules', () => {
  describe('submit', () => {
    it('starts a draft at the first step, round 1', () => {
      const t = planSubmit(draft, steps, author, true);
      expect(t).toMatchObject({
        status: 'in_review',
        currentStepPosition: 1,
        round: 1,
        submitted: true,
      });
      expect(t.enteredStep?.id).toBe('10');
    });

    it('returns a resubmission to the step that asked for changes, in a new round', () => {
      const t = planSubmit({ ...inReview(2), status: 'changes_requested' }, steps, author, false);
      expect(t).toMatchObject({ status: 'in_review', currentStepPosition: 2, round: 2 });
    });

    it('refuses anyone but the author', () => {
      expect(() => planSubmit(draft, steps, admin, true)).toThrow(ForbiddenError);
    });

    it.each(['in_review', 'approved', 'rejected'] as const)('refuses from %s', (status) => {
      expect(() => planSubmit({ ...draft, status }, steps, author, true)).toThrow(ConflictError);
    });

    it('refuses a first submission into an inactive workflow or one without steps', () => {
      expect(() => planSubmit(draft, steps, author, false)).toThrow(/inactive/);
      expect(() => planSubmit(draft, [], author, true)).toThrow(ConflictError);
    });
  });

  describe('who decides', () => {
    const step1 = steps[1];

    it('lets a user with the step role decide', () => {
      expect(assertCanDecide(inReview(1), step1, reviewer, false)).toBe(step1);
    });

    it('lets an admin decide any step', () => {
      expect(assertCanDecide(inReview(1), step1, admin, false)).toBe(step1);
    });

    it('never lets the author decide, even an admin author', () => {
      expect(() => assertCanDecide(inReview(1), step1, author, false)).toThrow(/own request/);
      expect(() =>
        assertCanDecide({ ...inReview(1), authorId: admin.id }, step1, admin, false),
      ).toThrow(ForbiddenError);
    });

    it('refuses a user without the step role', () => {
      expect(() => assertCanDecide(inReview(2), steps[0], reviewer, false)).toThrow(/admin role/);
    });

    it('refuses a second decision on the same step and round', () => {
      expect(() => assertCanDecide(inReview(1), step1, reviewer, true)).toThrow(/already decided/);
    });

    it('refuses decisions outside in_review', () => {
      expect(() => assertCanDecide({ ...draft }, undefined, reviewer, false)).toThrow(
        ConflictError,
      );
      expect(() =>
        assertCanDecide({ ...inReview(1), status: 'approved' }, step1, reviewer, false),
      ).toThrow(ConflictError);
    });
  });

  describe('decision outcomes', () => {
    it('stays on the step until it has its required approvals', () => {
      expect(planDecision(inReview(1), steps, steps[1], 'approve', 1)).toMatchObject({
        status: 'in_review',
        currentStepPosition: 1,
        enteredStep: null,
      });
    });

    it('moves to the next step when the step passes', () => {
      const t = planDecision(inReview(1), steps, steps[1], 'approve', 2);
      expect(t).toMatchObject({ status: 'in_review', currentStepPosition: 2, closed: false });
      expect(t.enteredStep?.id).toBe('20');
    });

    it('approves when the last step passes', () => {
      expect(planDecision(inReview(2), steps, steps[0], 'approve', 1)).toMatchObject({
        status: 'approved',
        closed: true,
      });
    });

    it('one reject rejects', () => {
      expect(planDecision(inReview(1), steps, steps[1], 'reject', 0)).toMatchObject({
        status: 'rejected',
        closed: true,
      });
    });

    it('request_changes sends it back to the author', () => {
      expect(planDecision(inReview(1), steps, steps[1], 'request_changes', 0)).toMatchObject({
        status: 'changes_requested',
        closed: false,
      });
    });
  });

  describe('editing and versions', () => {
    it('lets the author edit a draft or a request with changes requested', () => {
      expect(() => assertCanEdit(draft, author)).not.toThrow();
      expect(() => assertCanEdit({ ...draft, status: 'changes_requested' }, author)).not.toThrow();
    });

    it('refuses edits in review and by others', () => {
      expect(() => assertCanEdit(inReview(1), author)).toThrow(ConflictError);
      expect(() => assertCanEdit(draft, reviewer)).toThrow(ForbiddenError);
    });

    it('refuses a stale version and accepts the current or none', () => {
      expect(() => assertVersion(1, 2)).toThrow(/version 1, current 2/);
      expect(() => assertVersion(2, 2)).not.toThrow();
      expect(() => assertVersion(undefined, 2)).not.toThrow();
    });
  });
});
