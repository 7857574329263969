import 'server-only';
import { changeSubject, deliveryChangeLog, deliveryEntries } from './delivery-cache';

/**
 * After a label moves, a version is created or a prompt changes: drops this instance's cached resolutions of the
 * prompt (synchronously, so the next request here sees the change) and tells the other instances through Upstash
 * Redis when configured.
 */
export function forgetPromptDelivery(workspaceId: string, promptId: string): void {
  deliveryEntries.forget((entry) => entry.workspaceId === workspaceId && entry.prompt.id === promptId);
  void deliveryChangeLog()?.publish(changeSubject(workspaceId, promptId));
}
