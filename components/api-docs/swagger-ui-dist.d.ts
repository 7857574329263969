// swagger-ui-dist ships no types; this is the part /api-docs uses.
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  type Options = {
    domNode: HTMLElement;
    url: string;
    deepLinking?: boolean;
    presets?: unknown[];
    layout?: string;
    validatorUrl?: string | null;
    persistAuthorization?: boolean;
    displayOperationId?: boolean;
    displayRequestDuration?: boolean;
    filter?: boolean;
    docExpansion?: 'list' | 'full' | 'none';
    defaultModelsExpandDepth?: number;
    tryItOutEnabled?: boolean;
  };
  type SwaggerUIBundle = ((options: Options) => unknown) & { presets: { apis: unknown } };
  const bundle: SwaggerUIBundle;
  export default bundle;
}
