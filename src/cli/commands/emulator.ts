// `timetable-sync emulator`: the only place the product reaches into the emulator's folder, to start it.
import { runEmulatorCommand } from '../../../emulator/main.ts';

export const run = (args: string[]): Promise<number> => runEmulatorCommand(args);
