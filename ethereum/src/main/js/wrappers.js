// Runs web3j's wrapper generator once for each <Contract>.abi/.bin pair the compiler wrote.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [java, classpath, contractsDir, outDir, javaPackage] = process.argv.slice(2);
if (!javaPackage) {
  console.error('usage: node wrappers.js <java> <classpath> <contracts dir> <output dir> <package>');
  process.exit(2);
}
fs.rmSync(outDir, { recursive: true, force: true });
const abis = fs.readdirSync(contractsDir).filter((f) => f.endsWith('.abi')).sort();
for (const abi of abis) {
  const name = path.basename(abi, '.abi');
  execFileSync(
    java,
    [
      '-Dslf4j.internal.verbosity=ERROR',
      '-classpath', classpath,
      'org.web3j.codegen.SolidityFunctionWrapperGenerator',
      '-a', path.join(contractsDir, abi),
      '-b', path.join(contractsDir, name + '.bin'),
      '-o', outDir,
      '-p', javaPackage,
    ],
    { stdio: 'inherit' });
}
console.log(`web3j wrappers for ${abis.length} contracts into ${outDir}`);
