// Compiles every contract under src/main/solidity with the pinned solc-js for EVM shanghai (which
// geth, Besu and older networks all run; solc's default, osaka, does not run everywhere yet), and
// writes <Contract>.abi and <Contract>.bin into the output directory for web3j's wrapper generator.
// The build's profile "contracts" (ethereum/pom.xml) runs it; its output is committed.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const [sourceDir, outDir] = process.argv.slice(2);
if (!sourceDir || !outDir) {
  console.error('usage: node compile.js <solidity source dir> <output dir>');
  process.exit(2);
}

const sources = {};
for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(sourceDir, file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'shanghai',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = output.errors || [];
for (const problem of problems) {
  console.error(problem.formattedMessage);
}
if (problems.some((p) => p.severity === 'error')) {
  process.exit(1);
}

// A fresh directory, so a removed contract leaves no stale files.
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
let count = 0;
for (const file of Object.keys(output.contracts)) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), contract.evm.bytecode.object);
    count++;
  }
}
console.log(`solc ${solc.version()} (evmVersion shanghai): ${count} contracts into ${outDir}`);
