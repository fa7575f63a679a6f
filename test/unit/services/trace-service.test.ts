import { describe, expect, it } from 'vitest';
import { createTraceService } from '../../../src-main/services/trace-service';
import { EspError } from '../../../src-shared/errors';
import type { EventChannel, EventMap } from '../../../src-shared/ipc/channels';
import { traceToJson } from '../../../src-shared/reset/trace-json';
import { ManualClock } from '../../helpers/manual-clock';
import { ScriptedTransport } from '../../helpers/scripted-transport';

/** The trace handlers: recorded traces are published and listed newest first; get and import. */

function setup() {
  const clock = new ManualClock();
  const published: { channel: EventChannel; payload: unknown }[] = [];
  const service = createTraceService({
    publish: <C extends EventChannel>(channel: C, payload: EventMap[C]) => published.push({ channel, payload }),
    now: () => clock.now(),
    keepTraces: 5,
  });
  return { clock, service, published, handlers: service.handlers };
}

async function record(service: ReturnType<typeof setup>['service'], clock: ManualClock, port: string) {
  const trace = service.recorder.start({ source: 'detect', port });
  const wrapped = trace.wrap(new ScriptedTransport({ info: { path: port, kind: 'virtual', lineControl: true, resetWiring: 'two-transistor', enTimeConstantMs: 10 } }));
  await wrapped.setLines({ dtr: false, rts: true });
  clock.advance(100);
  await wrapped.setLines({ dtr: false, rts: false });
  return trace.finish('ok')!;
}

const rejection = async (work: Promise<unknown>): Promise<EspError> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof EspError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

describe('trace service', () => {
  it('publishes each finished recording and lists them newest first', async () => {
    const { service, clock, published, handlers } = setup();
    const first = await record(service, clock, 'sim:esp32');
    const second = await record(service, clock, 'sim:esp8266');
    expect(published.filter((event) => event.channel === 'traces:trace-recorded').map((event) => event.payload)).toEqual([first, second]);
    expect((await handlers['traces:list-traces']({})).map((summary) => summary.port)).toEqual(['sim:esp8266', 'sim:esp32']);
    const full = await handlers['traces:get-trace']({ traceId: first.traceId });
    expect(full.summary).toEqual(first);
    expect(full.events.filter((event) => event.kind === 'lines')).toHaveLength(3);
  });

  it('get of an unknown id: input.invalid in plain words', async () => {
    const { handlers } = setup();
    const error = await rejection(handlers['traces:get-trace']({ traceId: 'nope' }));
    expect(error.code).toBe('input.invalid');
    expect(error.message).toBe('That trace is no longer kept.');
    expect(error.evidence.traceId).toBe('nope');
  });

  it('imports an exported trace as a new trace with source imported and a new id, without publishing it', async () => {
    const { service, clock, handlers, published } = setup();
    const original = await record(service, clock, 'sim:esp32');
    const exported = traceToJson(await handlers['traces:get-trace']({ traceId: original.traceId }));
    const summary = await handlers['traces:import-trace']({ data: new TextEncoder().encode(exported) });
    expect(summary.source).toBe('imported');
    expect(summary.traceId).not.toBe(original.traceId);
    expect({ ...summary, traceId: original.traceId, source: original.source }).toEqual(original);
    expect((await handlers['traces:list-traces']({})).map((listed) => listed.traceId)).toEqual([summary.traceId, original.traceId]);
    expect((await handlers['traces:get-trace']({ traceId: summary.traceId })).events).toEqual((await handlers['traces:get-trace']({ traceId: original.traceId })).events);
    expect(published.filter((event) => event.channel === 'traces:trace-recorded')).toHaveLength(1);
  });

  it('refuses bytes that are not UTF-8 or not a trace', async () => {
    const { handlers } = setup();
    const notText = await rejection(handlers['traces:import-trace']({ data: Uint8Array.from([0xff, 0xfe, 0x00, 0xc3]) }));
    expect(notText.code).toBe('input.invalid');
    expect(notText.message).toContain('not UTF-8');
    const notTrace = await rejection(handlers['traces:import-trace']({ data: new TextEncoder().encode('{"hello": 1}') }));
    expect(notTrace.code).toBe('input.invalid');
    expect((await handlers['traces:list-traces']({}))).toEqual([]);
  });
});
