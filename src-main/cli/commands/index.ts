import type { CliCommand } from '../cli-context';
import { chipIdCommand } from './chip-id';
import { diagnoseLogCommand } from './diagnose-log';
import { eraseFlashCommand } from './erase-flash';
import { eraseRegionCommand } from './erase-region';
import { flashIdCommand } from './flash-id';
import { imageInfoCommand } from './image-info';
import { listPortsCommand } from './list-ports';
import { readFlashCommand } from './read-flash';
import { servePortCommand } from './serve-port';
import { verifyFlashCommand } from './verify-flash';
import { writeFlashCommand } from './write-flash';

/** Every command, in the order the help lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  listPortsCommand,
  chipIdCommand,
  flashIdCommand,
  writeFlashCommand,
  readFlashCommand,
  verifyFlashCommand,
  eraseFlashCommand,
  eraseRegionCommand,
  imageInfoCommand,
  diagnoseLogCommand,
  servePortCommand,
];
