import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors.ts';

// Every file a command writes goes through here, so a path that cannot be created or written becomes one
// line naming it (a UsageError, exit 2) instead of a stack trace.

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a parent is not a directory',
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on the device',
  EEXIST: 'already exists',
};

function cannot(what: string, path: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === undefined) throw e;
  return new UsageError(`cannot ${what} ${path}: ${REASONS[code] ?? code} (${code})`);
}

/**
 * Creates directory `path` and its missing parents, one level at a time: Node 20's recursive mkdir never
 * returns on some paths (under /proc), and its errors do not say which level failed.
 */
export function makeDirectory(path: string): void {
  const full = resolve(path);
  const parent = dirname(full);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(full).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw cannot('create directory', path, e);
    if (parent !== full) makeDirectory(parent);
    try {
      mkdirSync(full);
    } catch (e2) {
      throw cannot('create directory', path, e2);
    }
    return;
  }
  if (!isDirectory) throw new UsageError(`cannot create directory ${path}: a file of that name exists`);
}

/** Writes a whole file. */
export function writeOutput(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw cannot('write', path, e);
  }
}

/** Appends to a file (creating it). */
export function appendOutput(path: string, data: string): void {
  try {
    appendFileSync(path, data);
  } catch (e) {
    throw cannot('write', path, e);
  }
}

/** Replaces a file atomically (a temporary file, then a rename), so a crash leaves the old one or the new one. */
export function replaceOutput(path: string, data: string | Uint8Array): void {
  writeOutput(`${path}.tmp`, data);
  try {
    renameSync(`${path}.tmp`, path);
  } catch (e) {
    throw cannot('write', path, e);
  }
}

/** A JSON file (a run config, or part of one; a sweep file) read from `path`, given by option `flag`; one clear line if it cannot be. */
export function readConfigFile(path: string, flag: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${flag} must name a readable JSON file (got "${path}")`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`${flag} ${path} is not valid JSON: ${(e as Error).message}`);
  }
}
