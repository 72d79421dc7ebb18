// Compares a fresh compile (compile.js) with the committed contracts (<Contract>.abi and .bin; the
// build generates their web3j wrappers from them). Fails naming every file that differs, is missing
// or is extra, unless the first argument is "true": then it rewrites the committed directory.
'use strict';
const fs = require('fs');
const path = require('path');

const [update, fresh, committed] = process.argv.slice(2);
if (!update || !fresh || !committed) {
  console.error('usage: node check.js <update: true|false> <fresh dir> <committed dir>');
  process.exit(2);
}

if (update === 'true') {
  fs.rmSync(committed, { recursive: true, force: true });
  fs.cpSync(fresh, committed, { recursive: true });
  console.log(`rewrote ${committed} from ${fresh}`);
  process.exit(0);
}
const listFiles = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const problems = [];
for (const name of [...new Set([...listFiles(fresh), ...listFiles(committed)])].sort()) {
  const [a, b] = [path.join(fresh, name), path.join(committed, name)];
  if (!fs.existsSync(b)) {
    problems.push(`${b}: missing (the fresh build has it)`);
  } else if (!fs.existsSync(a)) {
    problems.push(`${b}: extra (the fresh build has no such file)`);
  } else if (!fs.readFileSync(a).equals(fs.readFileSync(b))) {
    problems.push(`${b}: differs from ${a}`);
  }
}
if (problems.length > 0) {
  console.error('The committed contracts (under ethereum/) differ from a fresh build with the pinned solc:');
  for (const problem of problems) {
    console.error('  ' + problem);
  }
  console.error('Regenerate them (needs node and npm), then commit the result:');
  console.error('  ./mvnw -B -pl ethereum -am -Pcontracts -Dcontracts.update=true compile');
  process.exit(1);
}
console.log('contracts check: the committed contracts match a fresh build with the pinned solc');
