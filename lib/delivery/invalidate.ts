import 'server-only';

/**
 * After a label moves, a version is created or a prompt changes: drops this instance's cached resolutions of the
 * prompt (by slug and by id) and tells the other instances through Upstash Redis when configured.
 */
export function forgetPromptDelivery(workspaceId: string, promptId: string): void {
  // CONTRACT (issue 9): the prompt-API work replaces this body with the real invalidation.
  void workspaceId;
  void promptId;
}
