import { parseTemplate } from '@/lib/templates/parse-template';
import type { VariableDef } from '@/lib/templates/variable-schema';

export type ReconcileResult = {
  /** Declared variables (original order) followed by auto-declared ones. */
  variables: VariableDef[];
  /** Names used in a template but not declared, in order of first use; auto-declared as required strings. */
  undeclared: string[];
  /** Declared names no template uses: a warning for the editor, not an error. */
  unused: string[];
};

/** Keeps the declared variable list in sync with the placeholders the templates actually use. */
export function reconcileVariables(declared: VariableDef[], templates: string[]): ReconcileResult {
  const used = new Set<string>();
  for (const template of templates) {
    for (const name of parseTemplate(template).variables) used.add(name);
  }
  const declaredNames = new Set(declared.map((def) => def.name));
  const undeclared = [...used].filter((name) => !declaredNames.has(name));
  const unused = [...declaredNames].filter((name) => !used.has(name));
  return {
    variables: [
      ...declared,
      ...undeclared.map((name): VariableDef => ({ name, type: 'string', required: true })),
    ],
    undeclared,
    unused,
  };
}
