import type { RequestChannel, RequestOf } from './channels';
import { bytes, empty, onlyKeys, record, text } from './validate-values';

/** Request checks for the trace channels (see validate.ts). */
type TraceChannel = Extract<RequestChannel, `traces:${string}`>;
type TraceValidators = { readonly [C in TraceChannel]: (value: unknown) => RequestOf<C> };

/** An exported trace of a long flash session stays well under this. */
const MAX_TRACE_JSON_BYTES = 32 * 1024 * 1024;

export const TRACE_VALIDATORS: TraceValidators = {
  'traces:list-traces': (value) => empty(value, 'request'),
  'traces:get-trace': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['traceId']);
    return { traceId: text(fields.traceId, 'traceId', 64) };
  },
  'traces:import-trace': (value) => {
    const fields = record(value, 'request');
    onlyKeys(fields, 'request', ['data']);
    return { data: bytes(fields.data, 'data', MAX_TRACE_JSON_BYTES) };
  },
};
