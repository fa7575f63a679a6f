import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, type PropType } from 'vue';
import { deriveTrace } from '../../../src-shared/reset/derive-trace';
import { resetVerdict } from '../../../src-shared/reset/reset-verdict';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';
import type { TimeRange } from '../../../src-renderer/components/timing/zoom-math';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import TimingView from '../../../src-renderer/views/TimingView.vue';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT } from '../fixtures';
import { freshStores } from '../store-setup';
import { classicTrace, noCircuitTrace } from '../timing-fixtures';

/** happy-dom has no canvas: the chart is a stub that shows what it was given. */
const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgo=';
const ChartStub = defineComponent({
  name: 'LogicAnalyzerChart',
  props: {
    derived: { type: Object, required: true },
    range: { type: Object as PropType<TimeRange>, required: true },
    bounds: { type: Object, required: true },
    home: { type: Object, required: true },
    cursors: { type: Object, required: true },
    dark: Boolean,
    threshold: { type: Number, default: 0.75 },
    label: { type: String, default: '' },
    reference: { type: Object, default: undefined },
    highlight: { type: Object, default: undefined },
    heightPx: { type: Number, default: 360 },
  },
  emits: ['update:range', 'update:cursors'],
  setup(props, { expose }) {
    const titles: string[] = [];
    expose({
      toPng: (title: string) => {
        titles.push(title);
        return PNG_DATA_URL;
      },
      titles,
    });
    return () =>
      h('div', {
        'data-test': 'chart-stub',
        'data-range': `${props.range.minMs.toFixed(2)}..${props.range.maxMs.toFixed(2)}`,
        'data-reference': props.reference === undefined ? 'none' : 'overlay',
        'aria-label': props.label,
      });
  },
});

let wrapper: VueWrapper;
let fake: FakeApi;

async function mountView(options: { traces?: RecordedTrace[]; port?: boolean } = {}): Promise<void> {
  const created = freshStores();
  fake = created.fake;
  const traces = options.traces ?? [classicTrace(), noCircuitTrace()];
  fake.respond('traces:list-traces', () => traces.map((trace) => trace.summary));
  fake.respond('traces:get-trace', ({ traceId }) => traces.find((trace) => trace.summary.traceId === traceId)!);
  if (options.port !== false) {
    const ports = usePortsStore();
    ports.update([CP210X_PORT]);
    ports.select(CP210X_PORT.path);
  }
  await useAppStore().load();
  wrapper = mount(TimingView, { global: { plugins: [created.pinia], stubs: { LogicAnalyzerChart: ChartStub } }, attachTo: document.body });
  await flushPromises();
}

async function showTrace(traceId: string): Promise<void> {
  await wrapper.get(`[data-test="trace-${traceId}"]`).trigger('click');
  await flushPromises();
}

afterEach(() => {
  wrapper?.unmount();
});

describe('TimingView', () => {
  it('lists the recorded sessions and invites a recording before one is picked', async () => {
    await mountView();
    expect(wrapper.get('[data-test="timing-empty"]').text()).toContain('Record a reset');
    const rows = wrapper.findAll('[role="option"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('Detect');
    expect(rows[0]!.text()).toContain('sim:esp32');
    expect(wrapper.findAll('[data-test="chart-stub"]')).toHaveLength(0);
  });

  it('says so when nothing was recorded yet', async () => {
    await mountView({ traces: [] });
    expect(wrapper.get('[data-test="no-traces"]').text()).toContain('No sessions recorded yet');
  });

  it('shows a trace: reset close-up, the verdict in words, the reset list', async () => {
    await mountView();
    await showTrace('trace-1');
    const trace = classicTrace();
    const verdict = resetVerdict(trace, deriveTrace(trace.events, trace.summary.board));
    expect(wrapper.get('[data-test="verdict-title"]').text()).toBe(verdict.title);
    expect(wrapper.get('[data-test="verdict"]').classes()).toContain(`verdict--${verdict.severity}`);
    for (const step of verdict.nextSteps) expect(wrapper.get('[data-test="verdict"]').text()).toContain(step);

    const options = wrapper.findAll('[data-test="reset-select"] option');
    expect(options.map((option) => option.text())).toEqual(['Reset 1 (attempt 1) · EN low 100 ms · booted download']);
    // Close-up of the reset: from before EN fell (10 ms) to after GPIO0 was let go (161 ms).
    const [minMs, maxMs] = wrapper.get('[data-test="chart-stub"]').attributes('data-range')!.split('..').map(Number);
    expect(minMs).toBeLessThan(10);
    expect(maxMs).toBeGreaterThan(161);
    expect(maxMs).toBeLessThan(trace.events.at(-1)!.atMs + 1);
    expect(wrapper.get('[data-test="trace-facts"]').text()).toContain('Classic reset (50 ms)');
  });

  it('offers the wiring only when the port could not tell it, and redraws EN and GPIO0 for the one picked', async () => {
    const realPort = classicTrace({
      traceId: 'trace-real',
      port: '/dev/ttyUSB0',
      board: { circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: false, chip: 'esp32' },
    });
    await mountView({ traces: [classicTrace(), realPort] });
    await showTrace('trace-1');
    expect(wrapper.find('[data-test="wiring-select"]').exists()).toBe(false);

    await showTrace('trace-real');
    const select = wrapper.get('[data-test="wiring-select"]');
    expect((select.element as HTMLSelectElement).value).toBe('two-transistor');
    const enEdges = () => (wrapper.getComponent(ChartStub).props('derived') as ReturnType<typeof deriveTrace>).channels.EN.edges.length;
    expect(enEdges()).toBeGreaterThan(0);
    const twoTransistorVerdict = wrapper.get('[data-test="verdict-title"]').text();

    // Without an auto-reset circuit the same DTR/RTS moves leave EN alone: no reset, no boot.
    await select.setValue('none');
    await flushPromises();
    expect(enEdges()).toBe(0);
    expect(wrapper.get('[data-test="verdict-title"]').text()).not.toBe(twoTransistorVerdict);
    expect(wrapper.get('[data-test="reset-select"]').text()).toContain('No reset in this trace');

    // Another trace starts again from what its port said.
    await showTrace('trace-1');
    await showTrace('trace-real');
    expect((wrapper.get('[data-test="wiring-select"]').element as HTMLSelectElement).value).toBe('two-transistor');
  });

  it('switches to the whole session and back to the close-up', async () => {
    await mountView();
    await showTrace('trace-1');
    const closeUp = wrapper.get('[data-test="chart-stub"]').attributes('data-range');
    await wrapper.get('[data-test="mode-session"]').setValue(true);
    expect(wrapper.get('[data-test="chart-stub"]').attributes('data-range')).toBe('0.00..200.00');
    await wrapper.get('[data-test="mode-close-up"]').setValue(true);
    expect(wrapper.get('[data-test="chart-stub"]').attributes('data-range')).toBe(closeUp);
  });

  it('measures the EN low pulse in one click: cursors A and B and Δt', async () => {
    await mountView();
    await showTrace('trace-1');
    expect(wrapper.get('[data-test="cursor-delta"]').text()).toBe('–');
    await wrapper.get('[data-test="measure-en-low"]').trigger('click');
    expect(wrapper.get('[data-test="cursor-a"]').text()).toMatch(/^10(\.0+)? ms$/);
    expect(wrapper.get('[data-test="cursor-b"]').text()).toMatch(/^110(\.0+)? ms$/);
    expect(wrapper.get('[data-test="cursor-delta"]').text()).toMatch(/^100(\.0+)? ms$/);
    expect(wrapper.get('[data-test="measure-gpio0-before"]').text()).toContain('GPIO0 low before EN rise');
    // Cursors moved on the chart (as a drag would) replace the measurement.
    wrapper.getComponent(ChartStub).vm.$emit('update:cursors', { a: 20 });
    await flushPromises();
    expect(wrapper.get('[data-test="cursor-b"]').text()).toBe('–');
  });

  it('follows zoom and pan from the chart and resets the zoom', async () => {
    await mountView();
    await showTrace('trace-1');
    const home = wrapper.get('[data-test="chart-stub"]').attributes('data-range');
    wrapper.getComponent(ChartStub).vm.$emit('update:range', { minMs: 100, maxMs: 130 });
    await flushPromises();
    expect(wrapper.get('[data-test="chart-stub"]').attributes('data-range')).toBe('100.00..130.00');
    await wrapper.get('[data-test="reset-zoom"]').trigger('click');
    expect(wrapper.get('[data-test="chart-stub"]').attributes('data-range')).toBe(home);
  });

  it('overlays a reference waveform, or shows it in a second chart', async () => {
    await mountView();
    await showTrace('trace-1');
    await wrapper.get('[data-test="reference-select"]').setValue('ck');
    expect(wrapper.get('[data-test="chart-stub"]').attributes('data-reference')).toBe('overlay');
    expect(wrapper.get('[data-test="reference"]').text()).toContain('ck');
    await wrapper.get('[data-test="reference-layout"]').setValue('side-by-side');
    // The second chart carries the view's own data-test.
    const charts = wrapper.findAll('[data-test="chart-stub"], [data-test="reference-chart"]');
    expect(charts).toHaveLength(2);
    expect(charts[0]!.attributes('data-reference')).toBe('none');
    expect(charts[1]!.attributes('aria-label')).toContain('Reference waveform');
    await wrapper.get('[data-test="reference-select"]').setValue('none');
    expect(wrapper.findAll('[data-test="chart-stub"], [data-test="reference-chart"]')).toHaveLength(1);
  });

  it('gives a failing trace a different verdict from a good one', async () => {
    await mountView();
    await showTrace('trace-2');
    const good = classicTrace();
    const goodVerdict = resetVerdict(good, deriveTrace(good.events, good.summary.board));
    expect(wrapper.get('[data-test="verdict"]').classes()).not.toContain('verdict--ok');
    expect(wrapper.get('[data-test="verdict-title"]').text()).not.toBe(goodVerdict.title);
  });

  it('exports the chart as a PNG with a title naming port, chip, method and verdict', async () => {
    await mountView();
    await showTrace('trace-1');
    await wrapper.get('[data-test="export-png"]').trigger('click');
    await flushPromises();
    const saved = fake.callsTo('files:save-file');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.suggestedName).toMatch(/\.png$/);
    expect([...saved[0]!.data.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const titles = (wrapper.getComponent(ChartStub).vm as unknown as { titles: string[] }).titles;
    expect(titles[0]).toContain('sim:esp32');
    expect(titles[0]).toContain('ESP32');
    expect(titles[0]).toContain('Classic reset (50 ms)');
    expect(titles[0]).toContain(wrapper.get('[data-test="verdict-title"]').text());
  });

  it('records a reset with Detect on the Flash view port, or says why it cannot', async () => {
    await mountView({ port: false });
    const record = wrapper.get<HTMLButtonElement>('[data-test="record-reset"]');
    expect(record.element.disabled).toBe(true);
    expect(wrapper.get('[data-test="record-hint"]').text()).toContain('Pick a port');
    usePortsStore().update([CP210X_PORT]);
    usePortsStore().select(CP210X_PORT.path);
    await flushPromises();
    expect(record.element.disabled).toBe(false);
    await record.trigger('click');
    await flushPromises();
    expect(fake.callsTo('jobs:start-detect').map((request) => request.port)).toEqual(['/dev/ttyUSB0']);
    expect(record.text()).toBe('Recording…');
  });

  it('imports a trace file picked in the file input and exports the shown one', async () => {
    await mountView();
    const imported = classicTrace({ traceId: 'imported-1', source: 'imported' });
    fake.respond('traces:import-trace', () => imported.summary);
    fake.respond('traces:get-trace', () => imported);
    const input = wrapper.get('[data-test="trace-file-input"]');
    Object.defineProperty(input.element, 'files', { value: [new File(['{}'], 'trace.json', { type: 'application/json' })], configurable: true });
    await input.trigger('change');
    await flushPromises();
    expect(fake.callsTo('traces:import-trace')).toHaveLength(1);
    expect(wrapper.get('[data-test="trace-imported-1"]').attributes('aria-selected')).toBe('true');
    await wrapper.get('[data-test="export-json"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('files:save-file')[0]!.suggestedName).toMatch(/\.json$/);
    expect(wrapper.get('[data-test="save-note"]').text()).toContain('Saved to');
  });
});
