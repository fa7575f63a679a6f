import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import type { EspErrorData } from '../../src-shared/errors';
import { guessOffset } from '../../src-shared/firmware/guess-offset';
import type { InspectFilesResult, ProjectLayout } from '../../src-shared/ipc/files';
import type { RememberedFile } from '../../src-shared/ipc/settings';
import { parseOffset } from '../format/offset';
import { useBoardStore } from './board-store';
import { errorData } from './error-data';
import {
  entryFromBytes,
  entryFromPath,
  entryFromProject,
  entryFromRemembered,
  isAutomatic,
  toRemembered,
  withOffset,
  type FirmwareEntry,
} from './firmware-entry';
import { usePlanInspection } from './plan-inspection';

/** The services refuse larger files (src-shared/ipc/validate.ts). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_FILES = 32;

/**
 * The files to flash, each with an offset: picked or dropped bytes, paths, or a build folder.
 * Offsets are prefilled from names, parsed contents and the chip; what each file is and what is
 * wrong with the plan comes from the services (see plan-inspection.ts).
 */
export const useFirmwareStore = defineStore('firmware', () => {
  const api = getApi();
  const board = useBoardStore();
  const entries = shallowRef<readonly FirmwareEntry[]>([]);
  const project = shallowRef<ProjectLayout | undefined>(undefined);
  const projectError = shallowRef<EspErrorData | undefined>(undefined);
  const loadingProject = ref(false);
  const notes = shallowRef<readonly string[]>([]);
  const forceAnyway = ref(false);

  function applyInspection(inspected: readonly FirmwareEntry[], result: InspectFilesResult): void {
    const byId = new Map(inspected.map((entry, index) => [entry.id, result.files[index]]));
    entries.value = entries.value.map((entry) => {
      const file = byId.get(entry.id);
      if (file === undefined) return entry;
      const updated = { ...entry, inspected: file };
      if (entry.offsetOrigin !== 'guessed' || file.description === undefined) return updated;
      // First parse of a name-guessed file: its contents know better. Done once, so no loop.
      const guess = guessOffset(entry.name, file.description, board.chip) ?? entry.offset;
      return withOffset(updated, guess, 'parsed');
    });
  }

  const inspection = usePlanInspection(api, {
    entries,
    chip: () => board.chip,
    flashSizeBytes: () => board.detected?.flashSizeBytes,
    apply: applyInspection,
  });

  // Another chip moves bootloaders (0x1000 on ESP32, 0x0 on S3, 0x2000 on C5/P4).
  watch(
    () => board.chip,
    (chip) => {
      entries.value = entries.value.map((entry) => {
        if (!isAutomatic(entry)) return entry;
        const guess = guessOffset(entry.name, entry.inspected?.description, chip);
        return guess === undefined || guess === entry.offset ? entry : withOffset(entry, guess, entry.offsetOrigin);
      });
    },
  );

  watch(inspection.blocking, (problem) => {
    if (problem === undefined) forceAnyway.value = false;
  });

  /** Adds files; one with the name of a file already listed replaces it and keeps a typed offset. */
  function addEntries(added: readonly FirmwareEntry[]): void {
    const next = [...entries.value];
    for (const entry of added) {
      const index = next.findIndex((existing) => existing.name === entry.name);
      if (index < 0) {
        next.push(entry);
        continue;
      }
      const previous = next[index]!;
      next[index] = isAutomatic(previous) ? entry : withOffset(entry, previous.offset, previous.offsetOrigin);
    }
    if (next.length > MAX_FILES) notes.value = [...notes.value, `Only ${MAX_FILES} files can be flashed at once; the rest were left out.`];
    entries.value = next.slice(0, MAX_FILES);
  }

  async function addFiles(files: readonly File[]): Promise<void> {
    const added: FirmwareEntry[] = [];
    const problems: string[] = [];
    for (const file of files) {
      if (file.size > MAX_FILE_BYTES) {
        problems.push(`${file.name} is larger than 64 MB, too large for flash.`);
        continue;
      }
      added.push(entryFromBytes(file.name, new Uint8Array(await file.arrayBuffer()), board.chip));
    }
    notes.value = problems;
    addEntries(added);
  }

  function addPaths(paths: readonly string[]): void {
    addEntries(paths.map((path) => entryFromPath(path, board.chip)));
  }

  /** The desktop file dialog (shells without one answer with no paths). */
  async function pickFiles(): Promise<void> {
    try {
      addPaths((await api.files.pickPaths('firmware')).paths);
    } catch (error) {
      projectError.value = errorData(error);
    }
  }

  function remove(id: number): void {
    entries.value = entries.value.filter((entry) => entry.id !== id);
  }

  function clear(): void {
    entries.value = [];
    project.value = undefined;
    notes.value = [];
  }

  function setOffsetText(id: number, text: string): void {
    const parsed = parseOffset(text);
    entries.value = entries.value.map((entry) => {
      if (entry.id !== id) return entry;
      return parsed.ok ? withOffset(entry, parsed.offset, 'user') : { ...entry, offsetText: text, offsetError: parsed.error, offsetOrigin: 'user' };
    });
  }

  /** Replaces the files with a build folder's (ESP-IDF, PlatformIO, Arduino, flasher_args.json). */
  function applyProject(layout: ProjectLayout): void {
    project.value = layout;
    notes.value = layout.notes;
    entries.value = layout.files.map(entryFromProject);
  }

  async function loadProject(path: string): Promise<boolean> {
    loadingProject.value = true;
    try {
      applyProject(await api.files.loadProject(path));
      projectError.value = undefined;
      return true;
    } catch (error) {
      projectError.value = errorData(error);
      return false;
    } finally {
      loadingProject.value = false;
    }
  }

  /** The desktop folder dialog; returns the folder chosen, if any. */
  async function pickFolder(): Promise<string | undefined> {
    try {
      return (await api.files.pickPaths('folder')).paths[0];
    } catch (error) {
      projectError.value = errorData(error);
      return undefined;
    }
  }

  /** Files from the last run: those that came from a path come back; picked ones cannot. */
  function restore(files: readonly RememberedFile[] | undefined): void {
    if (files === undefined) return;
    const withPaths = files.filter((file): file is RememberedFile & { path: string } => file.path !== undefined);
    entries.value = withPaths.map(entryFromRemembered);
    const picked = files.filter((file) => file.path === undefined).map((file) => file.name);
    notes.value = picked.length === 0 ? [] : [`Picked last time, add again to flash: ${picked.join(', ')}.`];
  }

  const wrongChip = computed(() => inspection.blocking.value?.code === 'image.wrong-chip');
  const hasOffsetErrors = computed(() => entries.value.some((entry) => entry.offsetError !== undefined));
  /** Why Flash is unavailable because of the files, in words; undefined when the files are fine. */
  const blockedReason = computed<string | undefined>(() => {
    if (entries.value.length === 0) return 'Add firmware files to flash.';
    if (hasOffsetErrors.value) return 'Fix the offsets marked in red.';
    const problem = inspection.blocking.value;
    if (problem !== undefined && !(wrongChip.value && forceAnyway.value)) return problem.message;
    return undefined;
  });
  const rememberedFiles = computed(() => entries.value.map(toRemembered));

  return {
    entries,
    project,
    projectError,
    loadingProject,
    notes,
    forceAnyway,
    warnings: inspection.warnings,
    blocking: inspection.blocking,
    inspectError: inspection.failure,
    inspecting: inspection.inspecting,
    inspectionUpToDate: inspection.upToDate,
    wrongChip,
    hasOffsetErrors,
    blockedReason,
    rememberedFiles,
    addFiles,
    addPaths,
    pickFiles,
    remove,
    clear,
    setOffsetText,
    applyProject,
    loadProject,
    pickFolder,
    restore,
    inspectNow: inspection.inspectNow,
    ensureInspected: inspection.ensureInspected,
  };
});
