// JSON shapes of the labels API (api-contract "Labels"); replace with the server views once they land.

/** One version a label serves and its share of traffic (100 when alone). */
export type LabelTarget = { versionNumber: number; weight: number };

export type Person = { id: string; name: string | null };

/** GET /prompts/{id}/labels: `latest` comes as a virtual entry that can't be moved. */
export type LabelView = {
  name: string;
  targets: LabelTarget[];
  protected: boolean;
  updatedAt?: string | null;
  updatedBy?: Person | null;
  virtual?: boolean;
};

export type DeploymentAction = 'move' | 'rollback' | 'delete' | 'protect' | 'unprotect';

export type DeploymentView = {
  id: string;
  label: string;
  action: DeploymentAction;
  from: LabelTarget[] | null;
  to: LabelTarget[] | null;
  note: string;
  actor: Person | null;
  via: 'session' | 'api_key';
  rollbackOf: string | null;
  createdAt: string;
};

/** PUT /prompts/{id}/labels/{label}: one version or a split, plus a note and (admins) protection. */
export type MoveLabelBody = ({ versionNumber: number } | { split: LabelTarget[] }) & { note?: string; protected?: boolean };

export type MoveLabelResult = { label: LabelView; deployment: DeploymentView | null };

export type SplitVersionStats = {
  versionNumber: number;
  weight: number;
  runs: number;
  errors: number;
  errorRate: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  costUsd: number;
  avgCostUsd: number | null;
  experimentScore: { mean: number | null; cells: number } | null;
};

/** GET /prompts/{id}/labels/{label}/stats */
export type LabelStats = { label: string; versions: SplitVersionStats[] };
