import type { ReviewerRole } from '../workflows/entities/workflow-step.entity';
import type { DecisionOutcome } from './entities/decision.entity';
import type { ReviewStatus } from './entities/review-request.entity';
import { reviewErrors } from './review-requests.errors';

/**
 * The review state machine, pure (the design's `*-rules.ts`): no I/O, so every rule is unit-tested
 * on its own. The service loads state, asks these functions what happens, and writes the result.
 *
 *   draft ──submit──▶ in_review ──approve (last step passed)──▶ approved
 *                        │  ├──reject──▶ rejected
 *                        │  └──request_changes──▶ changes_requested ──submit──▶ in_review (same step, next round)
 *                        └──approve (step passed, more steps)──▶ in_review at the next step
 */
export type ActorRole = 'admin' | 'reviewer' | 'author';

export interface Actor {
  id: string;
  role: ActorRole;
}

export interface StepRule {
  id: string;
  position: number;
  requiredApprovals: number;
  reviewerRole: ReviewerRole;
}

export interface RequestRuleState {
  authorId: string;
  status: ReviewStatus;
  currentStepPosition: number | null;
  round: number;
}

/** What a transition changes; `enteredStep` is set when reviewers of a step must be told. */
export interface Transition {
  status: ReviewStatus;
  currentStepPosition: number | null;
  round: number;
  submitted: boolean;
  closed: boolean;
  enteredStep: StepRule | null;
}

const EDITABLE: ReadonlySet<ReviewStatus> = new Set(['draft', 'changes_requested']);
export const CLOSED_STATUSES: ReadonlySet<ReviewStatus> = new Set(['approved', 'rejected']);

export function isEditable(status: ReviewStatus): boolean {
  return EDITABLE.has(status);
}

/** Only the author edits, and only while the request is draft or changes_requested. */
export function assertCanEdit(request: RequestRuleState, actor: Actor): void {
  if (request.authorId !== actor.id) throw reviewErrors.notAuthor();
  if (!isEditable(request.status)) throw reviewErrors.notEditable(request.status);
}

export function assertVersion(given: number | undefined, current: number): void {
  if (given !== undefined && given !== current) throw reviewErrors.staleVersion(given, current);
}

function orderedSteps(steps: StepRule[]): StepRule[] {
  return [...steps].sort((a, b) => a.position - b.position);
}

export function stepAt(steps: StepRule[], position: number | null): StepRule | undefined {
  return position === null ? undefined : steps.find((s) => s.position === position);
}

/**
 * Submit (first time) or resubmit (after changes were requested). A first submission starts at the
 * first step; a resubmission returns to the step that asked for changes, in a new round.
 */
export function planSubmit(
  request: RequestRuleState,
  steps: StepRule[],
  actor: Actor,
  workflowActive: boolean,
): Transition {
  if (request.authorId !== actor.id) throw reviewErrors.notAuthor();
  if (!isEditable(request.status))
    throw reviewErrors.invalidTransition(request.status, 'submitted');
  const ordered = orderedSteps(steps);
  if (ordered.length === 0)
    throw reviewErrors.invalidTransition(request.status, 'submitted to a workflow without steps');
  const resubmission = request.status === 'changes_requested';
  if (!resubmission && !workflowActive) throw reviewErrors.workflowInactive();
  const step =
    (resubmission ? stepAt(ordered, request.currentStepPosition) : undefined) ?? ordered[0];
  return {
    status: 'in_review',
    currentStepPosition: step.position,
    round: request.round + 1,
    submitted: true,
    closed: false,
    enteredStep: step,
  };
}

/** Who may decide on the current step: not the author, the step's role or an admin, once per round. */
export function assertCanDecide(
  request: RequestRuleState,
  step: StepRule | undefined,
  actor: Actor,
  alreadyDecided: boolean,
): StepRule {
  if (request.status !== 'in_review' || !step)
    throw reviewErrors.invalidTransition(request.status, 'decided on');
  if (request.authorId === actor.id) throw reviewErrors.ownRequest();
  if (actor.role !== 'admin' && actor.role !== step.reviewerRole)
    throw reviewErrors.wrongRole(step.reviewerRole);
  if (alreadyDecided) throw reviewErrors.alreadyDecided();
  return step;
}

/**
 * The state after a decision. `approvalsIncludingThis` counts approvals of this step in this round,
 * the new one included. A step passes at `requiredApprovals`; passing the last step approves.
 */
export function planDecision(
  request: RequestRuleState,
  steps: StepRule[],
  step: StepRule,
  outcome: DecisionOutcome,
  approvalsIncludingThis: number,
): Transition {
  const unchanged: Transition = {
    status: request.status,
    currentStepPosition: request.currentStepPosition,
    round: request.round,
    submitted: false,
    closed: false,
    enteredStep: null,
  };
  switch (outcome) {
    case 'reject':
      return { ...unchanged, status: 'rejected', closed: true };
    case 'request_changes':
      return { ...unchanged, status: 'changes_requested' };
    case 'approve': {
      if (approvalsIncludingThis < step.requiredApprovals) return unchanged;
      const next = orderedSteps(steps).find((s) => s.position > step.position);
      if (!next)
        return { ...unchanged, status: 'approved', currentStepPosition: null, closed: true };
      return { ...unchanged, currentStepPosition: next.position, enteredStep: next };
    }
  }
}
