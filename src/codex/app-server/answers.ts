// What each server → client request is answered with (the `result` of `{id, result}`), as protocol types. Types only.

import type { DecodedRequestMethod } from './messages.js';
import type { ApplyPatchApprovalResponse } from './protocol/ApplyPatchApprovalResponse.js';
import type { ExecCommandApprovalResponse } from './protocol/ExecCommandApprovalResponse.js';
import type { CommandExecutionRequestApprovalResponse } from './protocol/v2/CommandExecutionRequestApprovalResponse.js';
import type { FileChangeRequestApprovalResponse } from './protocol/v2/FileChangeRequestApprovalResponse.js';
import type { McpServerElicitationRequestResponse } from './protocol/v2/McpServerElicitationRequestResponse.js';
import type { PermissionsRequestApprovalResponse } from './protocol/v2/PermissionsRequestApprovalResponse.js';
import type { ToolRequestUserInputResponse } from './protocol/v2/ToolRequestUserInputResponse.js';

export interface ServerRequestAnswers {
  /** `{decision}`: "accept" | "acceptForSession" | "decline" | "cancel" | {acceptWithExecpolicyAmendment} | {applyNetworkPolicyAmendment}. */
  'item/commandExecution/requestApproval': CommandExecutionRequestApprovalResponse;
  /** `{decision}`: "accept" | "acceptForSession" | "decline" | "cancel". */
  'item/fileChange/requestApproval': FileChangeRequestApprovalResponse;
  /** `{permissions, scope: "turn" | "session"}`: the subset of the requested permissions granted. */
  'item/permissions/requestApproval': PermissionsRequestApprovalResponse;
  /** `{answers: {[questionId]: {answers: string[]}}}`. */
  'item/tool/requestUserInput': ToolRequestUserInputResponse;
  /** `{action: "accept" | "decline" | "cancel", content, _meta}`. */
  'mcpServer/elicitation/request': McpServerElicitationRequestResponse;
  /** Legacy: `{decision}` in review terms ("approved", "approved_for_session", {denied}, "abort", …). */
  execCommandApproval: ExecCommandApprovalResponse;
  applyPatchApproval: ApplyPatchApprovalResponse;
}

type Assert<T extends true> = T;
/** Compiles only while every decoded request has an answer type here, and nothing else does. */
export type AnswersCoverDecodedRequests = Assert<
  [Exclude<DecodedRequestMethod, keyof ServerRequestAnswers>, Exclude<keyof ServerRequestAnswers, DecodedRequestMethod>] extends [
    never,
    never,
  ]
    ? true
    : false
>;
