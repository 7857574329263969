/**
 * Seconds before the attempt after attempt n: 5, 10, 20, 40, 80, 160, then 300. With the default 8 attempts
 * (WEBHOOK_MAX_ATTEMPTS) a delivery keeps trying for about 10 minutes, enough to outlast a receiver's restart or deploy.
 * Capped below the recovery sweep's 15-minute QStash window, so a scheduled retry is never taken for a lost one.
 */
export const retryDelaySeconds = (attempt: number) => Math.min(300, 5 * 2 ** Math.max(0, attempt - 1));
