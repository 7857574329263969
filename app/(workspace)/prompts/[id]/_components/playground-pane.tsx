'use client';

import { useEffect, useEffectEvent, useImperativeHandle, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { PlayIcon } from 'lucide-react';
import { useVersions } from '@/components/prompts/use-versions';
import { Button } from '@/components/ui/button';
import { Kbd, KbdGroup } from '@/components/ui/kbd';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import { pageItems } from '@/lib/client/pages';
import type { Version } from '@/lib/client/types';
import type { Draft } from './draft';
import { PlaygroundTabs, type PlaygroundTab } from './playground-tabs';
import { RunHistory } from './run-history';
import { RunOutputsGrid } from './run-outputs-grid';
import { RunPanel } from './run-panel';
import type { RunValues } from './run-variables';
import { usePlaygroundRun, type PlaygroundRun } from './use-playground-run';
import { useSaveRunVersion } from './use-save-run-version';

export type PlaygroundHandle = {
  /** Runs what the panel says, with the values in the form. */
  run: () => void;
  /** Shows the run panel and focuses its first field. */
  focus: () => void;
  /** The panel's state, for `?fromRun=` (targets) */
  setup: Pick<PlaygroundRun, 'setTargets' | 'setChoice'>;
};

type Props = {
  ref?: React.Ref<PlaygroundHandle>;
  run: Parameters<typeof usePlaygroundRun>[0];
  onValuesChange: (values: RunValues) => void;
  /** A draft run was saved as `version`; `sent` is the draft it ran. */
  onDraftSaved: (version: Version, sent: Draft | null) => void;
};

const noSubscribe = () => () => {};
// The pane's sticky header (tabs, Run, the summary) stays above revealed outputs.
const STICKY_HEADER_PX = 96;
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const isRunShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === 'Enter';

/** The right pane: Run and what it will run, then tabs for the outputs and the run history. */
export function PlaygroundPane({ ref, run: args, onValuesChange, onDraftSaved }: Props) {
  const apple = useSyncExternalStore(noSubscribe, isApple, () => false);
  const [tab, setTab] = useState<PlaygroundTab>('output');
  const play = usePlaygroundRun(args);
  const { prompt } = args;
  const history = useVersions(prompt.id);
  const versions = useMemo(() => pageItems(history.data), [history.data]);
  const saveVersion = useSaveRunVersion(prompt.id);
  const items = play.batch.data ?? [];
  const [overridesOpen, setOverridesOpen] = useState(false);
  const paramError = Object.keys(play.errors.fields).some((path) => path.startsWith('params.'));
  const outputs = useRef<HTMLDivElement>(null);

  // A new batch's cards come into view: within the pane on wide screens (never the page), the page on phones.
  useEffect(() => {
    const el = outputs.current;
    if (!play.batch.data || !el) return;
    const scroller = el.closest<HTMLElement>('[data-pane-scroller]');
    if (!scroller) return el.scrollIntoView({ block: 'start', behavior: 'smooth' });
    const top = scroller.scrollTop + el.getBoundingClientRect().top - scroller.getBoundingClientRect().top - STICKY_HEADER_PX;
    scroller.scrollTo({ top, behavior: 'smooth' });
  }, [play.batch.data]);

  function run() {
    setTab('output');
    play.run();
  }

  function focus() {
    setTab('output');
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#run-form input, #run-form textarea, #run-form select')?.focus());
  }

  function saveRun(runId: string) {
    const sent = play.batch.variables?.sentDraft ?? null;
    saveVersion.mutate(
      { runId, baseVersionNumber: args.screen.baseVersion ?? undefined },
      {
        onSuccess: (version) => {
          onDraftSaved(version, sent);
          toast({ title: `Saved as version ${version.versionNumber}`, variant: 'success' });
        },
        onError: (error) => toast({ title: 'Could not save the run as a version', description: errorMessage(error), variant: 'error' }),
      },
    );
  }

  useImperativeHandle(ref, () => ({ run, focus, setup: { setTargets: play.setTargets, setChoice: play.setChoice } }));

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!isRunShortcut(event) || event.defaultPrevented) return;
    if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
    event.preventDefault();
    run();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="@container grid min-w-0 content-start gap-4" data-testid="playground-pane">
      <div className="sticky top-14 z-10 -mx-1 grid gap-2 border-b bg-background/95 px-1 pt-1 pb-2 backdrop-blur lg:top-0">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <PlaygroundTabs value={tab} onChange={setTab} />
          <Button
            type="submit"
            form="run-form"
            onClick={(event) => {
              // The form lives in the Output tab; from another tab, switch to it and run.
              if (tab !== 'output') {
                event.preventDefault();
                run();
              }
            }}
            disabled={!play.ready || play.batch.isPending}
            aria-keyshortcuts={apple ? 'Meta+Enter' : 'Control+Enter'}
            data-testid="run-button"
          >
            {play.batch.isPending ? <Spinner label="Starting run" /> : <PlayIcon aria-hidden="true" />}
            Run{play.targets.length > 1 ? ` on ${play.targets.length} models` : ''}
            <KbdGroup aria-hidden="true" className="ml-1">
              <Kbd className="border-primary-foreground/30 bg-primary-foreground/15 text-primary-foreground">{apple ? '⌘' : 'Ctrl'}</Kbd>
              <Kbd className="border-primary-foreground/30 bg-primary-foreground/15 text-primary-foreground">↵</Kbd>
            </KbdGroup>
          </Button>
        </div>
        <p
          className={play.source.kind === 'draft' ? 'text-xs font-medium text-primary' : 'text-xs text-muted-foreground'}
          aria-live="polite"
          data-testid="run-summary"
        >
          <span data-testid="run-version-note">{play.summary}</span>
        </p>
      </div>

      <div role="tabpanel" id="tab-panel-output" aria-labelledby="tab-output" hidden={tab !== 'output'} className="grid gap-4">
        <RunPanel
          promptId={prompt.id}
          choice={play.choice}
          screenLabel={play.screenLabel}
          versions={versions}
          currentNumber={prompt.currentVersion?.versionNumber ?? null}
          onChoiceChange={play.setChoice}
          defs={play.defs}
          base={play.base}
          turns={play.turns}
          maxTokens={play.maxTokens}
          values={args.values}
          onValuesChange={(values) => {
            for (const name of Object.keys(values)) if (values[name] !== args.values[name]) play.clearLocalError(name);
            onValuesChange(values);
          }}
          targets={play.targets}
          options={play.options}
          onTargetsChange={play.setTargets}
          overrides={play.overrides}
          overridesOpen={overridesOpen || paramError}
          onOverridesOpenChange={setOverridesOpen}
          onOverridesChange={play.setOverrides}
          useCache={play.useCache}
          onUseCacheChange={play.setUseCache}
          localErrors={play.localErrors}
          errors={play.errors}
          fallbackFrom={play.fallbackFrom}
          providersFailed={play.providersFailed}
          onSubmit={run}
        />
        <div ref={outputs} className="scroll-mt-36 lg:scroll-mt-24">
          {items.length > 0 ? (
            <RunOutputsGrid items={items} onSaveVersion={saveRun} savingRunId={saveVersion.isPending ? (saveVersion.variables?.runId ?? null) : null} />
          ) : null}
        </div>
      </div>
      <div role="tabpanel" id="tab-panel-history" aria-labelledby="tab-history" hidden={tab !== 'history'}>
        {tab === 'history' ? <RunHistory promptId={prompt.id} versionCount={prompt.versionCount} onRunFirst={focus} /> : null}
      </div>
    </div>
  );
}
