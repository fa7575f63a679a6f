import { formatUsbIds } from '../serial';
import {
  notApplicable,
  notMeasured,
  ok,
  problem,
  type ChecklistItem,
  type ReportContext,
  type ReportSection,
} from './support-report-input';
import { cell, codeSpan, escapeText, table } from './support-report-markdown';
import { checkRef, chipName, describeChip, errorEvidenceLines, formatBaudRates, sentence } from './support-report-text';

/**
 * The FAQ's initial checks: is the board there (port, cable, driver, power), can the app use the
 * port, does the board answer and with what message, which chip, which upload speeds.
 */

function portItem(ctx: ReportContext): ChecklistItem {
  const { port, error } = ctx.input;
  const path = ctx.portPath;
  const access = ctx.check('port-access');
  if (access !== undefined && !access.result.exists) {
    return problem('Port', `${path === undefined ? 'The port' : codeSpan(path)} does not exist.`, [escapeText(sentence(access.outcome.verdict))]);
  }
  if (port !== undefined) return ok('Port', `${codeSpan(port.path)} is present: ${escapeText(port.description)}.`);
  if (error?.code === 'port.not-found' || error?.code === 'port.disconnected') {
    return problem('Port', escapeText(error.message), errorEvidenceLines(error.evidence));
  }
  if (path !== undefined) {
    return problem('Port', `${codeSpan(path)} is not in the port list now: unplugged, or it came back under another name.`);
  }
  return notMeasured('Port', 'which port is the board on? Pick it in the port list; unplugging the board shows which entry goes away.');
}

function cableItem(ctx: ReportContext): ChecklistItem {
  const { port, trace } = ctx.input;
  if (port?.kind === 'virtual') return notApplicable('Cable', 'a virtual board has no cable.');
  if (port?.kind === 'tcp') return notApplicable('Cable', 'a network port has no USB cable here.');
  if (port?.usb !== undefined) {
    return ok('Cable', `the USB bridge enumerated (${codeSpan(formatUsbIds(port.usb))}), so the cable carries data, not only power.`);
  }
  if (trace !== undefined && trace.rxBytes > 0) return ok('Cable', 'bytes came back from the board, so the cable carries data.');
  return notMeasured(
    'Cable',
    'a charge-only cable powers the board but no port appears. Plug the board in and check that a new port shows in the port list.',
  );
}

function driverItem(ctx: ReportContext): ChecklistItem {
  const { port } = ctx.input;
  if (port?.kind === 'virtual' || port?.kind === 'tcp') return notApplicable('Driver', `a ${port.kind} port needs no driver.`);
  if (port?.bridge !== undefined) {
    const note = port.bridge.note === undefined ? '' : ` Known issue: ${escapeText(port.bridge.note)}`;
    return ok('Driver', `${escapeText(port.bridge.name)} is recognised and its driver created the port.${note}`);
  }
  if (port !== undefined) {
    const ids = port.usb === undefined ? 'no USB ids' : codeSpan(formatUsbIds(port.usb));
    return ok('Driver', `the port is present (${ids}); its USB bridge is not one the app knows.`);
  }
  return notMeasured(
    'Driver',
    'if no port appears when the board is plugged in, install the driver for its USB bridge (CP210x, CH340/CH9102, FTDI) and plug it in again.',
  );
}

function accessItem(ctx: ReportContext): ChecklistItem {
  const access = ctx.check('port-access');
  const { error, trace } = ctx.input;
  if (access !== undefined && access.result.exists) {
    const { holder, portGroup, conflictingServices, canOpen } = access.result;
    const evidence: string[] = [];
    if (holder !== undefined) {
      const who = [holder.command === undefined ? undefined : codeSpan(holder.command), holder.pid === undefined ? undefined : `pid ${holder.pid}`];
      evidence.push(`held by ${who.filter((part) => part !== undefined).join(', ') || 'another program'}`);
    }
    if (portGroup !== undefined && !portGroup.userIsMember) {
      evidence.push(`the port belongs to group ${codeSpan(portGroup.group)} and you are not in it: ${codeSpan(`sudo usermod -aG ${portGroup.group} $USER`)}, then log out and in`);
    }
    if (conflictingServices.length > 0) {
      evidence.push(`services that grab USB serial ports are present: ${conflictingServices.map(codeSpan).join(', ')}`);
    }
    if (!canOpen || evidence.length > 0) return problem('Port access', escapeText(sentence(access.outcome.verdict)), evidence);
    return ok('Port access', `the app can open the port and no other program holds it. ${escapeText(sentence(access.outcome.verdict))}`);
  }
  if (error !== undefined && (error.code === 'port.busy' || error.code === 'port.permission-denied')) {
    return problem('Port access', escapeText(error.message), errorEvidenceLines(error.evidence));
  }
  if (trace !== undefined) return ok('Port access', 'the app opened the port for the recorded session.');
  return notMeasured('Port access', `run ${checkRef('port-access')}: it names a program holding the port and checks your group membership.`);
}

function powerItem(ctx: ReportContext): ChecklistItem {
  const { trace, error } = ctx.input;
  const bootMode = ctx.check('boot-mode');
  const evidence: string[] = [];
  for (const banner of trace?.banners ?? []) if (banner.banner.brownout) evidence.push(`banner: ${codeSpan(banner.banner.line)}`);
  for (const note of bootMode?.result.notes ?? []) if (note.kind === 'brownout') evidence.push(escapeText(note.title));
  if (error?.code === 'power.brownout') evidence.push(escapeText(error.message));
  if (evidence.length > 0) {
    return problem('Power', 'the chip reset on a brown-out: its supply dipped (weak USB port or hub, long cable, or a regulator too small for Wi-Fi peaks).', evidence);
  }
  if (bootMode?.result.bannerText !== undefined || (trace?.banners.length ?? 0) > 0) {
    return ok('Power', 'the chip booted and printed its ROM banner; no brown-out reset was seen.');
  }
  if ((trace?.rxBytes ?? 0) > 0 || (bootMode?.result.bytesReceived ?? 0) > 0) {
    return ok('Power', 'the board sent data, so it has power; no brown-out reset was seen.');
  }
  return notMeasured('Power', `run ${checkRef('boot-mode')}: a board without power sends nothing, and a weak supply shows as a brown-out reset.`);
}

function answerItem(ctx: ReportContext): ChecklistItem {
  const { error, trace } = ctx.input;
  const topic = 'Board answers';
  if (error !== undefined) {
    return problem(topic, `the session failed with ${codeSpan(error.code)}: ${escapeText(sentence(error.message))}`, errorEvidenceLines(error.evidence));
  }
  if (trace?.summary.outcome === 'ok') return ok(topic, 'the recorded session finished without an error.');
  if (trace?.summary.errorCode !== undefined) {
    const message = trace.summary.errorMessage === undefined ? '' : `: ${escapeText(trace.summary.errorMessage)}`;
    return problem(topic, `the recorded session failed with ${codeSpan(trace.summary.errorCode)}${message}`);
  }
  if (ctx.check('manual-bootloader')?.result.connected === true) return ok(topic, 'the chip answered during the manual bootloader entry.');
  return notMeasured(topic, 'detect the chip (or flash) once: the app records what the board answered and the exact message.');
}

function chipItem(ctx: ReportContext): ChecklistItem {
  const { chip, diagnosis } = ctx.input;
  const info = ctx.chipInfo;
  if (info !== undefined && chip !== undefined && info.chip !== chip) {
    return problem('Chip', `the chip answered as ${escapeText(describeChip(info))}, but the board is set up as ${escapeText(chipName(chip))}.`);
  }
  if (diagnosis?.cause === 'wrong-chip') {
    return problem('Chip', escapeText(diagnosis.title), diagnosis.evidence.map((item) => `${escapeText(item.label)}: ${escapeText(item.value)}`));
  }
  if (info !== undefined) return ok('Chip', `read from the chip: ${escapeText(describeChip(info))}.`);
  if (chip !== undefined) return ok('Chip', `${escapeText(chipName(chip))} (as set up for this board; not read from the chip).`);
  return notMeasured('Chip', `detect the chip; if it does not answer, ${checkRef('manual-bootloader')} reads it once the chip is in download mode.`);
}

function speedItem(ctx: ReportContext): ChecklistItem {
  const sweep = ctx.check('baud-sweep');
  const used = ctx.input.trace?.baudRates ?? [];
  const usedText = used.length === 0 ? '' : ` The recorded session ran at ${formatBaudRates(used)} baud.`;
  if (sweep !== undefined) {
    const tried = formatBaudRates(sweep.result.rows.map((row) => row.baudRate));
    if (sweep.result.highestReliableBaudRate !== undefined) {
      return ok('Upload speed', `the highest baud that synced, wrote and verified: **${sweep.result.highestReliableBaudRate}** (tried ${tried}).${usedText}`);
    }
    return problem('Upload speed', `no baud rate synced, wrote and verified (tried ${tried}). ${escapeText(sentence(sweep.outcome.verdict))}`);
  }
  return notMeasured('Upload speed', `run ${checkRef('baud-sweep')} to find the highest rate that syncs, writes and verifies.${usedText}`);
}

function sweepTable(ctx: ReportContext): string[] {
  const sweep = ctx.check('baud-sweep');
  if (sweep === undefined || sweep.result.rows.length === 0) return [];
  const mark = (value: boolean) => (value ? 'yes' : 'no');
  return [
    '**Baud sweep**',
    table(
      ['Baud', 'Sync', 'Write', 'Verify', 'Error'],
      sweep.result.rows.map((row) => [String(row.baudRate), mark(row.synced), mark(row.wrote), mark(row.verified), row.errorCode === undefined ? '' : cell(row.errorCode)]),
    ),
  ];
}

export function initialChecks(ctx: ReportContext): ReportSection {
  return {
    title: 'Initial checks',
    items: [portItem(ctx), cableItem(ctx), driverItem(ctx), accessItem(ctx), powerItem(ctx), answerItem(ctx), chipItem(ctx), speedItem(ctx)],
    blocks: sweepTable(ctx),
  };
}
