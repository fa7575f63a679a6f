import type { Diagnosis } from '../../src-shared/diagnose/diagnosis';
import type { LogAnalysis, LogDiagnosisJson, LogSettings } from '../../src-shared/ipc/troubleshoot';

/** The log analyzer's answer as plain text for a terminal or an IDE's output pane. */

function settingsLine(settings: LogSettings): string {
  const parts = [
    settings.port === undefined ? undefined : `port ${settings.port}`,
    settings.baudRate === undefined ? undefined : `baud ${settings.baudRate}`,
    settings.chip === undefined ? undefined : `chip ${settings.chip}`,
    settings.resetMethod === undefined ? undefined : `reset ${settings.resetMethod}`,
    settings.flashMode === undefined ? undefined : `flash mode ${settings.flashMode}`,
    settings.flashSize === undefined ? undefined : `flash size ${settings.flashSize}`,
  ].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? 'none shown' : parts.join(', ');
}

function indented(text: string, prefix: string): string[] {
  return text.split('\n').map((line) => `${prefix}${line}`);
}

function stepLines(diagnosis: Diagnosis): string[] {
  const lines: string[] = [];
  diagnosis.steps.forEach((step, index) => {
    lines.push(`  ${index + 1}. ${step.title}`);
    if (step.detail !== undefined) lines.push(...indented(step.detail, '     '));
    if (step.command !== undefined) lines.push(`     $ ${step.command}`);
  });
  return lines;
}

export function formatLogAnalysis(analysis: LogAnalysis): string {
  const { settings, diagnosis } = analysis;
  const tool = settings.toolVersion === undefined ? settings.tool : `${settings.tool} ${settings.toolVersion}`;
  const lines = [`Log from: ${tool}`, `Settings: ${settingsLine(settings)}`];
  if (analysis.inconsistencies.length > 0) {
    lines.push('Inconsistencies:', ...analysis.inconsistencies.map((item) => `  - ${item}`));
  }
  lines.push('', `Cause: ${diagnosis.cause} (${diagnosis.confidence} confidence)`, `  ${diagnosis.title}`, ...indented(diagnosis.explanation, '  '));
  if (diagnosis.detail !== undefined) lines.push(...indented(diagnosis.detail, '  '));
  if (diagnosis.evidence.length > 0) {
    lines.push('', 'Evidence:');
    for (const item of diagnosis.evidence) {
      const [first = '', ...rest] = item.value.split('\n');
      lines.push(`  ${item.label}: ${first}`, ...rest.map((line) => `    | ${line}`));
    }
  }
  if (diagnosis.steps.length > 0) lines.push('', 'Next steps:', ...stepLines(diagnosis));
  if (diagnosis.alternatives !== undefined && diagnosis.alternatives.length > 0) {
    lines.push('', `Other possible causes: ${diagnosis.alternatives.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function logDiagnosisJson(analysis: LogAnalysis): LogDiagnosisJson {
  return { cause: analysis.diagnosis.cause, evidence: analysis.diagnosis.evidence, settings: analysis.settings, steps: analysis.diagnosis.steps };
}
