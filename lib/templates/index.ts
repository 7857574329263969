// Public API of the template engine; import from '@/lib/templates'.
export {
  VARIABLE_TYPES,
  VARIABLE_NAME_PATTERN,
  MAX_VARIABLES,
  MAX_DESCRIPTION_LENGTH,
  variableDefSchema,
  variableDefsSchema,
  isJsonValue,
  defaultMatchesType,
} from '@/lib/templates/variable-schema';
export type { VariableDef, VariableDefInput, VariableType } from '@/lib/templates/variable-schema';
export { parseTemplate, extractVariables, MAX_SYNTAX_ERRORS } from '@/lib/templates/parse-template';
export type {
  Segment,
  TextSegment,
  VariableSegment,
  TemplateSyntaxError,
  ParsedTemplate,
} from '@/lib/templates/parse-template';
export { reconcileVariables } from '@/lib/templates/reconcile-variables';
export type { ReconcileResult } from '@/lib/templates/reconcile-variables';
export { renderPrompt, TemplateRenderError } from '@/lib/templates/render-template';
export type { RenderInput, RenderResult, RenderIssue } from '@/lib/templates/render-template';
