import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import MonitorView from '../../../src-renderer/views/MonitorView.vue';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useMonitorStore } from '../../../src-renderer/stores/monitor-store';
import { useNavStore } from '../../../src-renderer/stores/nav-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { buildSyntheticElf } from '../../helpers/synthetic-elf';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT, SIM_ESP32S3_PORT } from '../fixtures';
import { answerMonitorRequests, APP_SYMBOLS, chunk, dataMessage, ESP32_BANNER, ESP32_CRASH } from '../monitor-fake';
import { freshStores } from '../store-setup';

/** xterm needs a real layout engine; the view is tested with a stand-in that counts searches. */
let searchOpened = 0;
const TerminalStub = defineComponent({
  name: 'MonitorTerminal',
  setup(_, { expose }) {
    expose({ openSearch: () => searchOpened++ });
    return () => h('div', { 'data-test': 'terminal-stub' });
  },
});

describe('MonitorView', () => {
  let wrapper: VueWrapper;
  let fake: FakeApi;
  let seq = 0;

  beforeEach(() => {
    const stores = freshStores();
    fake = stores.fake;
    answerMonitorRequests(fake);
    usePortsStore().update([CP210X_PORT, SIM_ESP32S3_PORT]);
    usePortsStore().select(CP210X_PORT.path);
    useNavStore().show('monitor');
    searchOpened = 0;
    wrapper = mount(MonitorView, { global: { plugins: [stores.pinia], stubs: { MonitorTerminal: TerminalStub } }, attachTo: document.body });
  });

  afterEach(() => wrapper.unmount());

  async function open(): Promise<void> {
    await wrapper.get('[data-test="monitor-open"]').trigger('click');
    await flushPromises();
  }

  function receive(text: string): void {
    fake.emit('monitor:data', dataMessage(seq++, [chunk(text)]));
  }

  function press(key: string, modifiers: KeyboardEventInit = {}): void {
    window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...modifiers }));
  }

  it('opens on the flash view\'s port and shows the state; lines and resets wait until open', async () => {
    expect(wrapper.get<HTMLInputElement>('#monitor-port').element.value).toBe('/dev/ttyUSB0');
    expect(wrapper.get<HTMLButtonElement>('[data-test="monitor-reset-app"]').element.disabled).toBe(true);
    expect(wrapper.get<HTMLButtonElement>('[data-test="monitor-dtr"]').element.disabled).toBe(true);
    await open();
    expect(fake.callsTo('monitor:open-monitor')[0]).toMatchObject({ port: '/dev/ttyUSB0', baudRate: 115200, lines: { dtr: false, rts: false } });
    expect(wrapper.get('[data-test="monitor-state"]').text()).toBe('Open at 115200 baud');
    expect(wrapper.get<HTMLButtonElement>('[data-test="monitor-reset-app"]').element.disabled).toBe(false);
    expect(wrapper.find('[data-test="monitor-close"]').exists()).toBe(true);
  });

  it('opens on a typed port path', async () => {
    await wrapper.get('#monitor-port').setValue('sim:esp32?faults=app-crash');
    await open();
    expect(fake.callsTo('monitor:open-monitor')[0]).toMatchObject({ port: 'sim:esp32?faults=app-crash', chip: 'esp32' });
  });

  it('shows DTR and RTS live and toggles each while sending both', async () => {
    await open();
    const dtr = wrapper.get('[data-test="monitor-dtr"]');
    expect(dtr.attributes('aria-pressed')).toBe('false');
    await dtr.trigger('click');
    await flushPromises();
    expect(fake.callsTo('monitor:set-lines').at(-1)?.lines).toEqual({ dtr: true, rts: false });
    expect(dtr.attributes('aria-pressed')).toBe('true');
    fake.emit('monitor:status', { ...useMonitorStore().status!, lines: { dtr: true, rts: true } });
    await flushPromises();
    expect(wrapper.get('[data-test="monitor-rts"]').attributes('aria-pressed')).toBe('true');
    await wrapper.get('[data-test="monitor-rts"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('monitor:set-lines').at(-1)?.lines).toEqual({ dtr: true, rts: false });
  });

  it('resets by button and by Ctrl+Shift+R / Ctrl+Shift+B, only while the monitor tab shows', async () => {
    await open();
    await wrapper.get('[data-test="monitor-reset-app"]').trigger('click');
    await flushPromises();
    press('R', { ctrlKey: true, shiftKey: true });
    await flushPromises();
    press('B', { ctrlKey: true, shiftKey: true });
    await flushPromises();
    expect(fake.callsTo('monitor:reset-board').map((call) => call.into)).toEqual(['app', 'app', 'bootloader']);
    useNavStore().show('flash');
    press('R', { ctrlKey: true, shiftKey: true });
    await flushPromises();
    expect(fake.callsTo('monitor:reset-board')).toHaveLength(3);
    expect(wrapper.get('[data-test="monitor-reset-app"]').attributes('title')).toContain('Ctrl+Shift+R');
    expect(wrapper.get('[data-test="monitor-reset-bootloader"]').attributes('title')).toContain('Ctrl+Shift+B');
  });

  it('opens the search with Ctrl+F', () => {
    press('f', { ctrlKey: true });
    expect(searchOpened).toBe(1);
  });

  it('sends a line with Enter and brings it back with Up', async () => {
    await open();
    const input = wrapper.get<HTMLInputElement>('[data-test="monitor-send-input"]');
    await wrapper.get('[data-test="monitor-line-ending"]').setValue('crlf');
    await input.setValue('reboot');
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(new TextDecoder().decode(fake.callsTo('monitor:send-data')[0]!.data)).toBe('reboot\r\n');
    expect(input.element.value).toBe('');
    await input.trigger('keydown', { key: 'ArrowUp' });
    expect(input.element.value).toBe('reboot');
    expect(useAppStore().settings.monitorLineEnding).toBe('crlf');
  });

  it('remembers "lines while monitoring" for the port and opens with them', async () => {
    await wrapper.get('[data-test="monitor-lines-preset"]').setValue('rts');
    expect(useAppStore().settings.monitorLines).toEqual({ '/dev/ttyUSB0': { dtr: false, rts: true } });
    await open();
    expect(fake.callsTo('monitor:open-monitor')[0]!.lines).toEqual({ dtr: false, rts: true });
  });

  it('shows decoded banner and crash cards; a loaded ELF puts function names on the backtrace', async () => {
    await open();
    receive(ESP32_BANNER);
    receive(ESP32_CRASH);
    await flushPromises();
    expect(wrapper.get('[data-test="note-boot-banner"]').text()).toContain('POWERON');
    const crash = wrapper.get('[data-test="note-guru-meditation"]');
    expect(crash.text()).toContain('load the app\'s ELF');
    expect(crash.findAll('[data-test="note-symbol"]')).toHaveLength(0);
    expect(crash.text()).toContain('Pick the firmware .elf');

    const input = wrapper.get('[data-test="monitor-elf-input"]');
    const file = new File([buildSyntheticElf({ machine: 'xtensa', symbols: APP_SYMBOLS }) as Uint8Array<ArrayBuffer>], 'blink.elf');
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await flushPromises();
    expect(wrapper.get('[data-test="monitor-elf-state"]').text()).toContain('blink.elf');
    const names = wrapper.get('[data-test="note-guru-meditation"]').findAll('[data-test="note-symbol"]').map((symbol) => symbol.text());
    expect(names).toEqual(expect.arrayContaining(['parse_reading+0x1c', 'read_sensor+0x18', 'app_main+0x15']));
    // Picking the .elf is done; the card no longer asks for it.
    expect(wrapper.get('[data-test="note-guru-meditation"]').text()).not.toContain('Pick the firmware .elf');
  });

  it('offers "Switch to N baud" for wrong-baud garbage', async () => {
    await open();
    const note = {
      kind: 'wrong-baud' as const,
      severity: 'warning' as const,
      title: 'Looks like the wrong baud rate',
      explanation: 'x',
      details: [],
      evidence: [],
      likelyBaudRate: 74880,
      atMs: 1,
    };
    const { useMonitorNotesStore } = await import('../../../src-renderer/stores/monitor-notes-store');
    useMonitorNotesStore().notes = [{ id: 1, note }];
    await flushPromises();
    await wrapper.get('[data-test="note-switch-baud"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('monitor:set-baud')).toEqual([{ monitorId: 'monitor-1', baudRate: 74880 }]);
    expect(wrapper.find('[data-test="note-switch-baud"]').exists()).toBe(false);
  });

  it('shows why the monitor closed, and the waiting states in words', async () => {
    await open();
    const status = useMonitorStore().status!;
    fake.emit('monitor:status', { ...status, state: 'reattaching', message: 'Waiting for /dev/ttyUSB0' });
    await flushPromises();
    expect(wrapper.get('[data-test="monitor-state"]').text()).toBe('Waiting for the port to come back');
    fake.emit('monitor:status', { ...status, state: 'flashing' });
    await flushPromises();
    expect(wrapper.get('[data-test="monitor-state"]').text()).toBe('Paused while flashing');
    fake.emit('monitor:status', { ...status, state: 'closed', error: { code: 'port.disconnected', message: 'The port went away.', hint: 'Plug it in.', evidence: {} } });
    await flushPromises();
    expect(wrapper.get('[data-test="error-card"]').text()).toContain('The port went away.');
    expect(wrapper.find('[data-test="monitor-open"]').exists()).toBe(true);
  });
});
