import 'server-only';

export { dispatch, dispatchMany, isDispatchPending, type DispatchOptions, type DispatchResult } from './dispatch';
export { defineJob, experimentsJob, parseJobPayload, recoverRunsJob, runsJob, webhooksJob, type Job, type JobPayload, type ParsedJob } from './jobs';
export {
  createLocalDispatcher,
  getLocalDispatcher,
  type EnqueueResult,
  type LocalDispatcher,
  type LocalDispatcherOptions,
  type LocalDispatcherStats,
  type LocalMessage,
} from './local-dispatcher';
export { signQStashMessage } from './sign';
export { getSigningKeys, type SigningKeys } from './signing-keys';
export { verifyQStashRequest, type VerifyResult } from './verify';
