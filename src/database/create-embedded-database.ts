// Run as a child process by openDatabase on a first start: creates the embedded database in the folder given as
// the only argument and exits. Creating a database (initdb) leaves PGlite's memory at ~880 MB RSS for the life of
// the process; opened afterwards, the same database takes ~410 MB. Doing the creation in a process of its own
// gives that memory back to the machine.
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: create-embedded-database <folder>');
  process.exitCode = 2;
} else {
  try {
    await (await PGlite.create({ dataDir })).close();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
