export type SaveQueueState = { isSaving: boolean; savedAt: string | null; error: Error | null };

/**
 * Autosave for one draft: `save` waits for `delayMs` of quiet, at most one write is in flight, and only the latest
 * body is ever sent (the ones typed meanwhile are skipped). A failure that a retry can fix keeps the body and tries
 * again after `retryMs`, unless something newer was queued.
 */
export class DraftSaveQueue<T> {
  private pending: { body: T; retry?: boolean } | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private state: SaveQueueState = { isSaving: false, savedAt: null, error: null };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly send: (body: T) => Promise<{ updatedAt: string }>,
    private readonly options: { delayMs: number; retryMs: number; retryable: (error: unknown) => boolean },
  ) {}

  save(body: T, delayMs = this.options.delayMs): void {
    this.pending = { body };
    this.schedule(delayMs);
  }

  /** Drops what is queued and not yet sent. */
  cancel(): void {
    this.pending = null;
    this.clearTimer();
  }

  /** Sends what is queued now; resolves when nothing is queued or in flight. */
  async flush(): Promise<void> {
    this.clearTimer();
    let sent = false;
    while (this.pending || this.inFlight) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      // A body that just failed waits for its retry timer rather than being sent again at once.
      if (sent && this.pending!.retry) return;
      const { body } = this.pending!;
      this.pending = null;
      sent = true;
      this.inFlight = this.write(body).finally(() => {
        this.inFlight = null;
      });
    }
  }

  /** Resolves once the write in flight (if any) has settled. */
  async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  getState = (): SaveQueueState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async write(body: T): Promise<void> {
    this.setState({ isSaving: true });
    try {
      const { updatedAt } = await this.send(body);
      this.setState({ isSaving: false, savedAt: updatedAt, error: null });
    } catch (error) {
      this.setState({ isSaving: false, error: error instanceof Error ? error : new Error(String(error)) });
      if (!this.pending && this.options.retryable(error)) {
        this.pending = { body, retry: true };
        this.schedule(this.options.retryMs);
      }
    }
  }

  private schedule(ms: number) {
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private setState(patch: Partial<SaveQueueState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
