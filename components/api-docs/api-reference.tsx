'use client';

import { useEffect, useRef, useState } from 'react';
import 'swagger-ui-dist/swagger-ui.css';

/**
 * The interactive reference: Swagger UI from our own bundle (no CDN, no validator badge), reading
 * /api/openapi.json. "Try it out" sends same-origin requests (Swagger's default credentials), so the session
 * cookie and the Origin header go along; an API key typed under "Authorize" goes as the bearer token, which
 * the API prefers to the cookie.
 */
export function ApiReference() {
  const node = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let active = true;
    import('swagger-ui-dist/swagger-ui-es-bundle.js')
      .then(({ default: SwaggerUIBundle }) => {
        if (!active || !node.current) return;
        SwaggerUIBundle({
          domNode: node.current,
          url: '/api/openapi.json',
          presets: [SwaggerUIBundle.presets.apis],
          layout: 'BaseLayout',
          deepLinking: true,
          validatorUrl: null,
          persistAuthorization: false,
          displayOperationId: true,
          displayRequestDuration: true,
          filter: true,
          docExpansion: 'list',
          defaultModelsExpandDepth: 0,
        });
      })
      .catch((error: unknown) => {
        console.error('[api-docs] the reference failed to load', error);
        if (active) setFailed(true);
      });
    return () => {
      active = false;
    };
  }, []);

  if (failed) {
    return (
      <p role="alert" className="text-sm text-destructive">
        The reference did not load. The document itself is at <a className="underline" href="/api/openapi.json">/api/openapi.json</a>.
      </p>
    );
  }
  // Swagger UI has one (light) look: it sits on a light panel in both themes.
  return <div ref={node} data-testid="api-reference" className="api-reference min-h-96 overflow-x-auto rounded-lg border bg-white text-neutral-900" />;
}
