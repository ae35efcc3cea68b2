// Compiles the project's Solidity sources with the pinned solc-js (tools/emulators/package.json) into
// build/<Contract>.json ({abi, bytecode}), which the local stack and the tests deploy to anvil.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../emulators/package.json'));
const solc = require('solc');

const sources = { 'TestToken.sol': { content: readFileSync(join(here, 'TestToken.sol'), 'utf8') } };
const input = {
  language: 'Solidity',
  sources,
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun',
              outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length) {
  console.error(errors.map((e) => e.formattedMessage).join('\n'));
  process.exit(1);
}
mkdirSync(join(here, 'build'), { recursive: true });
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, c] of Object.entries(contracts)) {
    writeFileSync(join(here, 'build', `${name}.json`), JSON.stringify({ abi: c.abi, bytecode: '0x' + c.evm.bytecode.object }, null, 1));
    console.log(`compiled ${file}:${name}`);
  }
}
