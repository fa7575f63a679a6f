import { analyzeLog } from '../../../src-shared/diagnose/logs/analyze-log';
import { EspError } from '../../../src-shared/errors';
import type { CliCommand, CliDeps } from '../cli-context';
import { formatLogAnalysis, logDiagnosisJson } from '../log-diagnosis-text';

/**
 * Reads an upload or monitor log from another tool (esptool, esptool-ck, esptool-js / ESP Web
 * Tools, Arduino IDE, PlatformIO, idf.py monitor, a serial monitor) and prints the cause, the
 * evidence and the next steps, with the cause names the app uses. For IDE integration: exit
 * code 0 whenever the log could be read, whatever it shows.
 */
async function readLogText(deps: CliDeps, path: string): Promise<string> {
  if (path === '-') {
    if (deps.readStdin === undefined) throw new EspError('input.invalid', { message: 'Standard input is not available here; pass a FILE.', evidence: { given: path } });
    return new TextDecoder().decode(await deps.readStdin());
  }
  return new TextDecoder().decode(await deps.readFile(path));
}

export const diagnoseLogCommand: CliCommand = {
  name: 'diagnose-log',
  summary: 'Diagnose a failed upload or monitor session from another tool\'s log (no board needed)',
  usage: 'diagnose-log [--json] FILE   (FILE "-" reads standard input)',
  details: [
    'Understands esptool v2-v5, esptool-ck (espcomm_*), esptool-js / ESP Web Tools, Arduino IDE,',
    'PlatformIO, idf.py monitor / esp-idf-monitor and raw serial output with ROM boot messages.',
    '--json prints {cause, evidence, settings, steps}; causes are named as in the app.',
    'Exit code 0 when the log was read (whatever the cause), 2 when it could not be read or is empty.',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  talksToBoard: false,
  async run(context, values, positionals) {
    if (positionals.length !== 1) {
      throw new EspError('input.invalid', { message: 'diagnose-log takes one FILE (or - for standard input).', evidence: { given: positionals.join(' ') } });
    }
    const path = positionals[0]!;
    const text = await readLogText(context.deps, path);
    if (text.trim().length === 0) {
      throw new EspError('input.invalid', { message: `The log ${path === '-' ? 'on standard input' : path} is empty.`, hint: 'Paste the whole output of the failed upload or monitor session.', evidence: { path } });
    }
    const analysis = analyzeLog(text);
    context.streams.out(values.json === true ? `${JSON.stringify(logDiagnosisJson(analysis), null, 2)}\n` : formatLogAnalysis(analysis));
    return 0;
  },
};
