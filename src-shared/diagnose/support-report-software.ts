import { formatUsbIds } from '../serial';
import { notMeasured, ok, type ChecklistItem, type ReportContext, type ReportSection } from './support-report-input';
import { cell, codeSpan, escapeText, table } from './support-report-markdown';
import { chipName, describeChip, formatBaudRates, osName } from './support-report-text';

/** The FAQ's software questions: which tool and version, which OS, and the settings in use. */

function appItem(ctx: ReportContext): ChecklistItem {
  return ok(
    'Tool',
    `ESP Companion ${escapeText(ctx.input.appVersion)}, flashing with its own engine (Espressif's ROM bootloader protocol; not esptool).`,
  );
}

function osItem(ctx: ReportContext): ChecklistItem {
  const { platform, osRelease } = ctx.input;
  if (platform === undefined) return notMeasured('Operating system', 'add your OS and its version by hand.');
  const release = osRelease === undefined ? '' : ` (${escapeText(osRelease)})`;
  return ok('Operating system', `${escapeText(osName(platform))}${release}.`);
}

function settingsTable(ctx: ReportContext): string[] {
  const { port, trace, settings, chip } = ctx.input;
  const rows: [string, string][] = [];
  if (ctx.portPath !== undefined) rows.push(['Port', codeSpan(ctx.portPath)]);
  if (port?.bridge !== undefined) rows.push(['USB bridge', cell(port.bridge.name)]);
  if (port?.usb !== undefined) rows.push(['VID:PID', codeSpan(formatUsbIds(port.usb))]);
  if (ctx.chipInfo !== undefined) rows.push(['Chip', cell(describeChip(ctx.chipInfo))]);
  else if (chip !== undefined) rows.push(['Chip', cell(`${chipName(chip)} (as set up)`)]);
  if (settings?.baudRate !== undefined) rows.push(['Baud rate (chosen)', String(settings.baudRate)]);
  if (trace !== undefined && trace.baudRates.length > 0) rows.push(['Baud rates (session)', formatBaudRates(trace.baudRates)]);
  if (settings?.resetMethod !== undefined) rows.push(['Reset method (chosen)', cell(settings.resetMethod)]);
  if (trace !== undefined && trace.resetMethods.length > 0) rows.push(['Reset methods (session)', cell(trace.resetMethods.join(', '))]);
  if (trace !== undefined) rows.push(['Session recorded', cell(`${trace.summary.startedAtIso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')} (${trace.summary.source})`)]);
  if (rows.length === 0) return [];
  return [table(['Setting', 'Value'], rows)];
}

export function softwareChecks(ctx: ReportContext): ReportSection {
  return { title: 'Software', items: [appItem(ctx), osItem(ctx)], blocks: settingsTable(ctx) };
}
