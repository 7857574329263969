// Public API of the template engine; import from '@/lib/templates'.
export {
  VARIABLE_TYPES,
  MAX_DESCRIPTION_LENGTH,
  variableDefSchema,
  variableDefsSchema,
  isJsonValue,
} from '@/lib/templates/variable-schema';
export type { VariableDef, VariableType } from '@/lib/templates/variable-schema';
export { parseTemplate, extractVariables, MAX_SYNTAX_ERRORS } from '@/lib/templates/parse-template';
export { reconcileVariables } from '@/lib/templates/reconcile-variables';
export { renderMessages, renderPrompt, RenderTooLargeError, TemplateRenderError } from '@/lib/templates/render-template';
export type { RenderIssue } from '@/lib/templates/render-template';
