// Compiles src/*.sol with solc 0.8.28 (standard JSON, EVM "paris", optimizer on) into build/<Contract>.abi|.bin.
// The outputs are committed: the Maven build generates the web3j wrappers from them without Node.
// Usage: npm ci && npm run compile      (add --check to fail when the committed outputs are stale)
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const check = process.argv.includes('--check');
const srcDir = path.join(__dirname, 'src');
const buildDir = path.join(__dirname, 'build');
const sources = {};
for (const f of fs.readdirSync(srcDir).filter(f => f.endsWith('.sol'))) {
  sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'paris',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
console.log(`Compiling ${Object.keys(sources).join(', ')} with solc ${solc.version()} for paris`);
const out = JSON.parse(solc.compile(JSON.stringify(input), {
  import: p => ({ contents: fs.readFileSync(require.resolve(p), 'utf8') }),
}));
const errors = (out.errors || []).filter(e => e.severity === 'error');
(out.errors || []).filter(e => e.severity !== 'error').forEach(e => console.warn(e.formattedMessage));
if (errors.length) {
  errors.forEach(e => console.error(e.formattedMessage));
  console.error('Compilation failed: fix the errors above and run npm run compile again.');
  process.exit(1);
}
fs.mkdirSync(buildDir, { recursive: true });
let stale = 0;
for (const file of Object.keys(sources)) {
  for (const [name, c] of Object.entries(out.contracts[file])) {
    const files = { [`${name}.abi`]: JSON.stringify(c.abi), [`${name}.bin`]: c.evm.bytecode.object };
    for (const [f, content] of Object.entries(files)) {
      const target = path.join(buildDir, f);
      if (check) {
        if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== content) {
          console.error(`stale: build/${f}`);
          stale++;
        }
      } else {
        fs.writeFileSync(target, content);
        console.log(`wrote build/${f} (${content.length} chars)`);
      }
    }
  }
}
if (stale) {
  console.error('Committed contract builds are stale: run npm run compile in settlement-service/contracts and commit build/.');
  process.exit(1);
}
