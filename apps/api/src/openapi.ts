import { OpenAPIRegistry, OpenApiGeneratorV31, zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import * as contract from '@kindred/contract';

type Document = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: contract.ProblemSchema } },
});
const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } }, required: true });

const errors = {
  400: problem('The request does not fit its schema; `errors` lists every failure.'),
  401: problem('No API key, or an unknown or revoked one.'),
};
const withNotFound = { ...errors, 404: problem('No such resource in the organisation of the API key.') };

/** The OpenAPI 3.1 document of the API, generated from the contract's zod schemas. */
export function buildOpenApiDocument(version: string): Document {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key of one organisation (`npx kindred keys create --org NAME`).',
  });
  const named: [string, z.ZodType][] = [
    ['Problem', contract.ProblemSchema],
    ['Account', contract.AccountRecordSchema],
    ['AccountView', contract.AccountViewSchema],
    ['IngestResponse', contract.IngestResponseSchema],
    ['RelatedRow', contract.RelatedRowSchema],
    ['Reason', contract.ReasonSchema],
    ['ClusterConfig', contract.ClusterConfigSchema],
    ['RunMetrics', contract.RunMetricsSchema],
    ['Run', contract.RunViewSchema],
    ['GroupChanges', contract.GroupChangesSchema],
    ['Override', contract.OverrideViewSchema],
    ['SegmentFilter', contract.SegmentFilterSchema],
    ['SegmentCondition', contract.SegmentConditionSchema],
    ['SegmentDefinition', contract.SegmentDefinitionSchema],
    ['Segment', contract.SegmentViewSchema],
    ['SegmentMember', contract.SegmentMemberViewSchema],
    ['SegmentReach', contract.SegmentReachSchema],
    ['AccountResult', contract.AccountResultSchema],
  ];
  // Named schemas become components referenced by `$ref`: the contract's schema objects
  // themselves are named, so every place that uses one refers to its component.
  for (const [name, schema] of named) {
    if (!zodToOpenAPIRegistry.has(schema)) zodToOpenAPIRegistry.add(schema, { _internal: { refId: name } });
  }

  const idParams = z.object({ id: z.string() });
  const secured = { security: [{ apiKey: [] }] };

  registry.registerPath({
    method: 'post', path: '/v1/accounts', tags: ['accounts'], ...secured,
    summary: 'Ingest accounts (upsert by id)',
    description: 'A JSON array, NDJSON or CSV, by Content-Type. Every record is validated on its own: valid records are stored even when others are rejected, and each rejection names its record, line and field.',
    request: {
      query: contract.IngestQuerySchema,
      body: {
        required: true,
        content: {
          'application/json': { schema: z.array(z.record(z.string(), z.unknown())) },
          'application/x-ndjson': { schema: z.string() },
          'text/csv': { schema: z.string() },
        },
      },
    },
    responses: {
      200: json('Accepted count and every rejected record with its reason.', contract.IngestResponseSchema),
      422: json('No record was valid.', contract.IngestResponseSchema),
      413: problem('The body is larger than the limit.'),
      415: problem('The Content-Type is not JSON, NDJSON or CSV.'),
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get', path: '/v1/accounts', tags: ['accounts'], ...secured,
    summary: 'Search accounts by name or domain, with filters and paging',
    request: { query: contract.AccountListQuerySchema },
    responses: { 200: json('A page of accounts.', contract.AccountPageSchema), ...errors },
  });
  registry.registerPath({
    method: 'get', path: '/v1/accounts/{id}', tags: ['accounts'], ...secured,
    summary: 'One account with its groups', request: { params: idParams },
    responses: { 200: json('The account.', contract.AccountViewSchema), ...withNotFound },
  });
  registry.registerPath({
    method: 'delete', path: '/v1/accounts/{id}', tags: ['accounts'], ...secured,
    summary: 'Delete an account', request: { params: idParams },
    responses: { 204: { description: 'Deleted.' }, ...withNotFound },
  });
  registry.registerPath({
    method: 'get', path: '/v1/accounts/{id}/related', tags: ['accounts'], ...secured,
    summary: 'The related accounts of an account in the current results, all of them, paged',
    request: { params: idParams, query: contract.RelatedQuerySchema },
    responses: { 200: json('A page of related accounts with tier, relation, score and reasons.', contract.RelatedPageSchema), ...withNotFound },
  });
  registry.registerPath({
    method: 'post', path: '/v1/runs', tags: ['runs'], ...secured,
    summary: 'Start a clustering run (full or incremental)',
    request: { body: body(contract.RunCreateSchema) },
    responses: {
      202: json('The queued run; poll it for progress.', contract.RunViewSchema),
      409: problem('A run is already queued or running for the organisation.'),
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get', path: '/v1/runs', tags: ['runs'], ...secured,
    summary: 'Run history, newest first', request: { query: contract.RunListQuerySchema },
    responses: { 200: json('A page of runs.', contract.RunPageSchema), ...errors },
  });
  registry.registerPath({
    method: 'get', path: '/v1/runs/{id}', tags: ['runs'], ...secured,
    summary: 'A run: status, progress, message, metrics', request: { params: idParams },
    responses: { 200: json('The run.', contract.RunViewSchema), ...withNotFound },
  });
  registry.registerPath({
    method: 'get', path: '/v1/runs/{id}/changes', tags: ['runs'], ...secured,
    summary: 'Groups created, merged, split and retired by a run', request: { params: idParams },
    responses: { 200: json('The change log.', contract.RunChangesViewSchema), ...withNotFound },
  });
  registry.registerPath({
    method: 'post', path: '/v1/overrides', tags: ['overrides'], ...secured,
    summary: 'Must-link or cannot-link two accounts in every later run',
    request: { body: body(contract.OverrideCreateSchema) },
    responses: { 201: json('The override.', contract.OverrideViewSchema), ...withNotFound },
  });
  registry.registerPath({
    method: 'get', path: '/v1/overrides', tags: ['overrides'], ...secured, summary: 'List overrides',
    responses: { 200: json('Every override.', contract.OverrideListSchema), ...errors },
  });
  registry.registerPath({
    method: 'delete', path: '/v1/overrides/{id}', tags: ['overrides'], ...secured, summary: 'Delete an override',
    request: { params: idParams }, responses: { 204: { description: 'Deleted.' }, ...withNotFound },
  });
  registry.registerPath({
    method: 'post', path: '/v1/segments/preview', tags: ['segments'], ...secured,
    summary: 'Evaluate a segment definition: counts and a page of members with reasons',
    request: { body: body(contract.SegmentDefinitionSchema), query: contract.SegmentReachQuerySchema },
    responses: { 200: json('Reach: direct, added through related accounts, total.', contract.SegmentReachSchema), ...errors },
  });
  registry.registerPath({
    method: 'get', path: '/v1/segments', tags: ['segments'], ...secured, summary: 'List saved segments',
    responses: { 200: json('Saved segments.', contract.SegmentListSchema), ...errors },
  });
  registry.registerPath({
    method: 'post', path: '/v1/segments', tags: ['segments'], ...secured, summary: 'Save a segment',
    request: { body: body(contract.SegmentCreateSchema) },
    responses: { 201: json('The segment.', contract.SegmentViewSchema), ...errors },
  });
  registry.registerPath({
    method: 'get', path: '/v1/segments/{id}', tags: ['segments'], ...secured, summary: 'A saved segment',
    request: { params: idParams }, responses: { 200: json('The segment.', contract.SegmentViewSchema), ...withNotFound },
  });
  registry.registerPath({
    method: 'put', path: '/v1/segments/{id}', tags: ['segments'], ...secured, summary: 'Replace a saved segment',
    request: { params: idParams, body: body(contract.SegmentCreateSchema) },
    responses: { 200: json('The segment.', contract.SegmentViewSchema), ...withNotFound },
  });
  registry.registerPath({
    method: 'patch', path: '/v1/segments/{id}', tags: ['segments'], ...secured, summary: 'Change a saved segment',
    request: { params: idParams, body: body(contract.SegmentUpdateSchema) },
    responses: { 200: json('The segment.', contract.SegmentViewSchema), ...withNotFound },
  });
  registry.registerPath({
    method: 'delete', path: '/v1/segments/{id}', tags: ['segments'], ...secured, summary: 'Delete a saved segment',
    request: { params: idParams }, responses: { 204: { description: 'Deleted.' }, ...withNotFound },
  });
  registry.registerPath({
    method: 'get', path: '/v1/segments/{id}/members', tags: ['segments'], ...secured,
    summary: 'Evaluate a saved segment now', request: { params: idParams, query: contract.SegmentReachQuerySchema },
    responses: { 200: json('Reach and a page of members with reasons.', contract.SegmentReachSchema), ...withNotFound },
  });
  registry.registerPath({
    method: 'post', path: '/v1/cluster', tags: ['cluster'], ...secured,
    summary: 'Stateless clustering: accounts in, related lists out, nothing stored',
    request: { body: body(contract.ClusterRequestSchema) },
    responses: {
      200: json('Every account with its groups and related accounts.', contract.ClusterResponseSchema),
      422: problem('No account in the request could be read.'),
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get', path: '/v1/me', tags: ['service'], ...secured, summary: 'The organisation of the API key',
    responses: { 200: json('The organisation.', contract.OrganisationViewSchema), ...errors },
  });
  registry.registerPath({
    method: 'get', path: '/healthz', tags: ['service'], summary: 'Liveness',
    responses: { 200: json('The process answers.', contract.HealthSchema) },
  });
  registry.registerPath({
    method: 'get', path: '/readyz', tags: ['service'], summary: 'Readiness: store and kernel',
    responses: { 200: json('Ready.', contract.ReadinessSchema), 503: json('Not ready.', contract.ReadinessSchema) },
  });
  registry.registerPath({
    method: 'get', path: '/v1/openapi.json', tags: ['service'], summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1 document.' } },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Kindred API',
      version,
      description: 'Related accounts in B2B customer data: ingest accounts, run the clustering daily or on demand, read every account\'s related accounts, and widen segments with them.',
    },
    servers: [{ url: '/' }],
  });
}
