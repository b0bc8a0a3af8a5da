import { html } from 'hono/html';
import { page } from './layout.ts';

interface OpenApiOperation {
  summary?: string;
  requestBody?: unknown;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  responses?: Record<string, { description?: string }>;
}

/**
 * The console API's documentation, rendered from its OpenAPI document on the server (no CDN
 * script: the CSP allows none): each route with its summary, parameters and responses.
 */
export function apiDocsPage(document: { paths?: Record<string, Record<string, OpenApiOperation>> }) {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );
  return page(
    'API',
    html`<main class="docs">
      <h1>Console API</h1>
      <p>The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Every call needs a signed-in session or an access token of the user pool.</p>
      ${operations.map(
        ({ path, method, operation }) => html`<section>
          <h2><code>${method} ${path}</code></h2>
          <p>${operation.summary ?? ''}</p>
          ${
            operation.parameters?.length
              ? html`<p>Parameters: ${operation.parameters.map((parameter) => `${parameter.name} (${parameter.in}${parameter.required ? ', required' : ''})`).join('; ')}</p>`
              : ''
          }
          ${operation.requestBody ? html`<p>Takes a JSON body.</p>` : ''}
          <p>Responses: ${Object.entries(operation.responses ?? {})
            .map(([status, response]) => `${status} ${response.description ?? ''}`)
            .join('; ')}</p>
        </section>`,
      )}
    </main>`,
  );
}
