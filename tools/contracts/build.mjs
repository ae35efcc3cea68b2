// Compiles the project's Solidity sources (every *.sol here) with the pinned solc-js (tools/emulators/package.json)
// into build/<Contract>.json ({abi, bytecode, deployedBytecode}), which the local stack and the tests deploy to anvil. Imports of
// @openzeppelin/contracts/... resolve to the pinned package in tools/emulators/node_modules.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../emulators/package.json'));
const solc = require('solc');

const ownFiles = readdirSync(here).filter((f) => f.endsWith('.sol')).sort();
const sources = Object.fromEntries(ownFiles.map((f) => [f, { content: readFileSync(join(here, f), 'utf8') }]));

/** solc asks for every import it meets; only npm packages pinned in the emulators' package.json are served. */
function findImports(path) {
  if (!path.startsWith('@openzeppelin/contracts/')) {
    return { error: `Unknown import ${path} (only @openzeppelin/contracts/... is resolved)` };
  }
  try {
    return { contents: readFileSync(require.resolve(path), 'utf8') };
  } catch (e) {
    return { error: `Cannot read ${path}: ${e.message}` };
  }
}

const input = {
  language: 'Solidity',
  sources,
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun',
              outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } } },
};
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length) {
  console.error(errors.map((e) => e.formattedMessage).join('\n'));
  process.exit(1);
}
mkdirSync(join(here, 'build'), { recursive: true });
// Only the contracts of our own files: the imported library contracts are compiled into them.
for (const file of ownFiles) {
  for (const [name, c] of Object.entries(output.contracts[file] || {})) {
    writeFileSync(join(here, 'build', `${name}.json`), JSON.stringify({ abi: c.abi, bytecode: '0x' + c.evm.bytecode.object,
      deployedBytecode: '0x' + c.evm.deployedBytecode.object }, null, 1));
    console.log(`compiled ${file}:${name}`);
  }
}
