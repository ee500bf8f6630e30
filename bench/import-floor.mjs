// The floor of `spool import`: stream a JSONL file, JSON.parse each line and insert it whole into a
// bare table, one transaction per batch, with Spool's pragmas. Plain Node and better-sqlite3 (no tsx):
// the least any importer of this file must do. Usage: node bench/import-floor.mjs FILE DB BATCH PRAGMAS_JSON
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import Database from 'better-sqlite3';

const [file, dbPath, batchText, pragmasJson] = process.argv.slice(2);
const batchSize = Number(batchText);
const db = new Database(dbPath);
for (const pragma of JSON.parse(pragmasJson)) db.pragma(pragma);
db.exec('CREATE TABLE IF NOT EXISTS bare (id TEXT NOT NULL, body TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO bare (id, body) VALUES (?, ?)');
const store = db.transaction((lines) => {
  for (const line of lines) insert.run(JSON.parse(line).id, line);
});
const fd = openSync(file, 'r');
const buffer = Buffer.allocUnsafe(1 << 20);
const decoder = new StringDecoder('utf8');
let carry = '';
let batch = [];
for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
  const lines = (carry + decoder.write(buffer.subarray(0, n))).split('\n');
  carry = lines.pop() ?? '';
  for (const line of lines) {
    if (line.trim() === '') continue;
    batch.push(line);
    if (batch.length >= batchSize) {
      store(batch);
      batch = [];
    }
  }
}
if (carry.trim() !== '') batch.push(carry);
store(batch);
closeSync(fd);
db.close();
