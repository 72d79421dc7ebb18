// Compares a fresh compile (compile.js, wrappers.js) with the committed contracts and wrappers,
// given as pairs of <fresh dir> <committed dir>. Fails naming every file that differs, is missing
// or is extra, unless the first argument is "true": then it rewrites the committed directories.
'use strict';
const fs = require('fs');
const path = require('path');

const [update, ...dirs] = process.argv.slice(2);
if (!update || dirs.length === 0 || dirs.length % 2 !== 0) {
  console.error('usage: node check.js <update: true|false> (<fresh dir> <committed dir>)...');
  process.exit(2);
}

const listFiles = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const problems = [];
for (let i = 0; i < dirs.length; i += 2) {
  const [fresh, committed] = [dirs[i], dirs[i + 1]];
  if (update === 'true') {
    fs.rmSync(committed, { recursive: true, force: true });
    fs.cpSync(fresh, committed, { recursive: true });
    console.log(`rewrote ${committed} from ${fresh}`);
    continue;
  }
  const names = new Set([...listFiles(fresh), ...listFiles(committed)]);
  for (const name of [...names].sort()) {
    const [a, b] = [path.join(fresh, name), path.join(committed, name)];
    if (!fs.existsSync(b)) {
      problems.push(`${b}: missing (the fresh build has it)`);
    } else if (!fs.existsSync(a)) {
      problems.push(`${b}: extra (the fresh build has no such file)`);
    } else if (!fs.readFileSync(a).equals(fs.readFileSync(b))) {
      problems.push(`${b}: differs from ${a}`);
    }
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
if (update !== 'true') {
  console.log('contracts check: the committed contracts and wrappers match a fresh build');
}
