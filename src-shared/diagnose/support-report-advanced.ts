import { describeBootBanner } from '../decode/boot-banner-words';
import type { MonitorNote } from '../decode/monitor-note';
import {
  notApplicable,
  notMeasured,
  ok,
  problem,
  type ChecklistItem,
  type ReportContext,
  type ReportSection,
} from './support-report-input';
import { cell, codeBlock, codeSpan, escapeText, table } from './support-report-markdown';
import { checkRef, describeChip, formatBaudRates, formatPercent, formatSize, sentence } from './support-report-text';

/**
 * The FAQ's advanced checks: what the ROM prints when the board is reset for download (and the
 * strap levels it decodes to), the adapter's loopback, the manual bootloader entry and the flash
 * header, and whether the recorded session matches the settings.
 */

interface BannerFinding {
  readonly item: ChecklistItem;
  readonly text?: string;
  readonly note?: MonitorNote;
}

function bannerFinding(ctx: ReportContext): BannerFinding {
  const topic = 'Boot message';
  const probe = ctx.check('boot-mode');
  if (probe !== undefined) {
    const { result, outcome } = probe;
    const note = result.notes.find((candidate) => candidate.kind === 'boot-banner');
    const at = `at ${result.romBaudRate} baud`;
    const withNote = (finding: Omit<BannerFinding, 'note' | 'text'>): BannerFinding => ({
      ...finding,
      ...(result.bannerText === undefined ? {} : { text: result.bannerText }),
      ...(note === undefined ? {} : { note }),
    });
    if (result.download === true) return withNote({ item: ok(topic, `after a download reset the ROM printed its banner ${at}: **download mode**.`) });
    if (result.download === false) {
      const evidence = note === undefined ? [escapeText(sentence(outcome.verdict))] : [escapeText(sentence(note.title)), 'The strap levels are in the decoded table below.'];
      return withNote({ item: problem(topic, `after a download reset the chip **booted from flash** (${at}): the boot strap was not low when EN rose.`, evidence) });
    }
    if (result.bytesReceived === 0) {
      return { item: problem(topic, `nothing arrived ${at} after the reset: no power, a broken TX line from the chip, or the wrong port.`, [escapeText(sentence(outcome.verdict))]) };
    }
    return {
      item: problem(topic, `${result.bytesReceived} bytes arrived ${at} after the reset but no ROM banner: noise, the wrong baud, or not an ESP chip.`, [
        escapeText(sentence(outcome.verdict)),
      ]),
    };
  }
  const banner = ctx.input.trace?.banners.at(-1);
  if (banner !== undefined) {
    const note = describeBootBanner(banner.banner, banner.atMs);
    const seen = `the recorded session saw the ROM banner ${codeSpan(banner.banner.line)} at ${banner.baudRate} baud`;
    const item = banner.banner.download
      ? ok(topic, `${seen}: download mode.`)
      : problem(topic, `${seen}: the chip **booted from flash**, not the serial bootloader.`, [escapeText(note.title)]);
    return { item, text: banner.banner.line, note };
  }
  return {
    item: notMeasured(
      topic,
      `run ${checkRef('boot-mode')}: the app resets the board and decodes what the ROM prints (74880 baud on ESP8266, 115200 on the ESP32 family).`,
    ),
  };
}

function bannerBlocks(finding: BannerFinding): string[] {
  const blocks: string[] = [];
  if (finding.text !== undefined && finding.text.trim().length > 0) blocks.push('**Boot message**', codeBlock(finding.text));
  if (finding.note !== undefined && finding.note.details.length > 0) {
    blocks.push('**Boot message decoded** (strap levels and reset cause)', table(['Field', 'Value'], finding.note.details.map((detail) => [cell(detail.label), cell(detail.value)])));
  }
  return blocks;
}

function loopbackItem(ctx: ReportContext): ChecklistItem {
  const topic = 'Loopback';
  const loopback = ctx.check('loopback');
  if (loopback !== undefined) {
    const { rows, highestCleanBaudRate } = loopback.result;
    const clean = highestCleanBaudRate === undefined ? '' : ` Highest clean rate: ${highestCleanBaudRate} baud.`;
    if (loopback.outcome.ok) return ok(topic, `${escapeText(sentence(loopback.outcome.verdict))}${clean}`);
    const bad = rows.filter((row) => row.errorBytes > 0).map((row) => `${row.baudRate} baud: ${row.errorBytes} of ${row.sentBytes} bytes wrong or missing (${formatPercent(row.errorRate)})`);
    return problem(topic, `${escapeText(sentence(loopback.outcome.verdict))}${clean}`, bad);
  }
  if (ctx.input.port?.bridge?.nativeUsb === true) return notApplicable(topic, "the chip's own USB port has no separate adapter to loop back.");
  return notMeasured(
    topic,
    `join the adapter's TX and RX (board disconnected) and run ${checkRef('loopback')}. On boards with the adapter built in this means cutting traces: skip it there.`,
  );
}

function loopbackTable(ctx: ReportContext): string[] {
  const loopback = ctx.check('loopback');
  if (loopback === undefined || loopback.result.rows.length === 0) return [];
  return [
    '**Loopback test**',
    table(
      ['Baud', 'Sent', 'Received', 'Errors', 'Error rate'],
      loopback.result.rows.map((row) => [String(row.baudRate), String(row.sentBytes), String(row.receivedBytes), String(row.errorBytes), formatPercent(row.errorRate)]),
    ),
  ];
}

function manualItem(ctx: ReportContext): ChecklistItem {
  const topic = 'Manual bootloader entry';
  const manual = ctx.check('manual-bootloader');
  if (manual !== undefined) {
    const tries = `${manual.result.attempts} ${manual.result.attempts === 1 ? 'try' : 'tries'}`;
    if (manual.result.connected) {
      const chip = manual.result.chip === undefined ? '' : `: ${escapeText(describeChip(manual.result.chip))}`;
      return ok(topic, `the chip answered after ${tries} with BOOT held during reset${chip}.`);
    }
    return problem(topic, `the chip did not answer in ${tries}, even with BOOT held during reset.`, [escapeText(sentence(manual.outcome.verdict))]);
  }
  return notMeasured(topic, `if the automatic reset fails, run ${checkRef('manual-bootloader')}: hold BOOT, tap EN, release BOOT while the app retries.`);
}

function flashModeItem(ctx: ReportContext): ChecklistItem {
  const topic = 'Flash header';
  const flash = ctx.check('flash-mode');
  if (flash !== undefined) {
    const { header, detectedFlashSizeBytes } = flash.result;
    const read = `header read back: mode ${codeSpan(header.flashMode)}, size ${codeSpan(header.flashSize)}, frequency ${codeSpan(header.flashFrequency)}`;
    const detected = detectedFlashSizeBytes === undefined ? '' : `; the chip's flash is ${formatSize(detectedFlashSizeBytes)}`;
    if (flash.outcome.ok) return ok(topic, `${escapeText(sentence(flash.outcome.verdict))} The ${read}${detected}.`);
    return problem(topic, escapeText(sentence(flash.outcome.verdict)), [`The ${read}${detected}.`]);
  }
  return notMeasured(topic, `if a written app does not start, run ${checkRef('flash-mode')} to compare the image header with the chip's flash.`);
}

function sessionItem(ctx: ReportContext): ChecklistItem {
  const topic = 'Session matches settings';
  const { trace, settings, chip } = ctx.input;
  if (trace === undefined) {
    return notMeasured(topic, 'any connect or flash records a session the app can compare; a log from another tool can be checked in the **Log analyzer**.');
  }
  const mismatches: string[] = [];
  if (ctx.portPath !== undefined && trace.summary.port !== ctx.portPath) {
    mismatches.push(`the session ran on ${codeSpan(trace.summary.port)}, the report is about ${codeSpan(ctx.portPath)}`);
  }
  const traceChip = trace.summary.board.chip;
  const readChip = ctx.chipInfo?.chip ?? chip;
  if (traceChip !== undefined && readChip !== undefined && traceChip !== readChip) {
    mismatches.push(`the session was set up for ${codeSpan(traceChip)}, the chip is ${codeSpan(readChip)}`);
  }
  if (settings?.baudRate !== undefined && trace.baudRates.length > 0 && !trace.baudRates.includes(settings.baudRate)) {
    mismatches.push(`the chosen baud is ${settings.baudRate}, the session ran at ${formatBaudRates(trace.baudRates)}`);
  }
  if (mismatches.length > 0) return problem(topic, 'the recorded session does not match the settings.', mismatches);
  const bauds = trace.baudRates.length === 0 ? '' : ` at ${formatBaudRates(trace.baudRates)} baud`;
  return ok(topic, `the recorded session used ${codeSpan(trace.summary.port)}${bauds}; see Software for the settings.`);
}

export function advancedChecks(ctx: ReportContext): ReportSection {
  const banner = bannerFinding(ctx);
  return {
    title: 'Advanced checks',
    items: [banner.item, loopbackItem(ctx), manualItem(ctx), flashModeItem(ctx), sessionItem(ctx)],
    blocks: [...bannerBlocks(banner), ...loopbackTable(ctx)],
  };
}
