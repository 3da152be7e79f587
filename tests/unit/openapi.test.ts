import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, OPERATIONS } from '#functions/openapi.ts';
import { ROUTES } from '#functions/routes.ts';

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument();

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document as Parameters<Validator['validate']>[0]);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('has exactly one operation per route, and no operation without a route', () => {
    const routeKeys = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(Object.keys(OPERATIONS).sort()).toEqual(routeKeys);
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routeKeys);
  });

  it('describes errors as problem+json with messages in both languages', () => {
    const problem = document.components.schemas.Problem as { required: string[] };
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'messages']));
  });
});
