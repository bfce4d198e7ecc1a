// Deploys this release's Treasury (and, for test chains only, a MarketToken) to an EVM chain, checks what landed,
// and writes the addresses into an overlay's installation.yaml, which the Kubernetes manifests take them from.
// Run through ./deploy-contracts (which installs the pinned ethers first); --help lists the options.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethers } from 'ethers';

const HERE = dirname(fileURLToPath(import.meta.url));
const BUILD = join(HERE, '../../settlement-service/contracts/build');
const USAGE = `usage: deploy/chain/deploy-contracts --rpc URL --chain-id N --admin ADDRESS --operator ADDRESS
                   (--token ADDRESS | --deploy-test-token) [--installation FILE]
  The deployer's private key comes from DEPLOYER_KEY (hex), never from the command line.
  --admin     holds DEFAULT_ADMIN_ROLE and PAUSER_ROLE (a multisig or timelock, never the service's key)
  --operator  the settlement service's signer address (PAYOUT_ROLE, ANCHOR_ROLE)
  --token     the ERC-20 the marketplace settles in; --deploy-test-token deploys a MarketToken (test chains only)
  --installation  overlays/<name>/installation.yaml to write chain-id, token-address and treasury-address into`;

function fail(what, next) {
  console.error(`error: ${what}`);
  console.error(`next:  ${next}`);
  process.exit(1);
}

function parse(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') { console.log(USAGE); process.exit(0); }
    if (a === '--deploy-test-token') { o.deployTestToken = true; continue; }
    if (!a.startsWith('--') || i + 1 >= argv.length) fail(`unknown argument ${a}`, USAGE.split('\n')[0]);
    o[a.slice(2)] = argv[++i];
  }
  for (const k of ['rpc', 'chain-id', 'admin', 'operator']) if (!o[k]) fail(`--${k} is required`, 'see deploy/chain/deploy-contracts --help');
  if (!o.token === !o.deployTestToken) fail('give exactly one of --token ADDRESS and --deploy-test-token', 'see --help');
  for (const k of ['admin', 'operator', 'token']) {
    if (o[k] && !ethers.isAddress(o[k])) fail(`--${k} ${o[k]} is not an address`, 'pass a 0x-prefixed 20-byte address');
  }
  if (!process.env.DEPLOYER_KEY) fail('DEPLOYER_KEY is not set', 'export DEPLOYER_KEY=0x… (the deployer pays the gas; it gets no role)');
  if (o.installation && !existsSync(o.installation)) fail(`${o.installation} does not exist`, 'pass an overlay\'s installation.yaml');
  return o;
}

function artifact(name) {
  return { abi: JSON.parse(readFileSync(join(BUILD, `${name}.abi`), 'utf8')), bytecode: '0x' + readFileSync(join(BUILD, `${name}.bin`), 'utf8').trim() };
}

/** The code a creation would leave on chain, simulated by the node: what settlement compares the Treasury with. */
async function expectedCode(provider, factory, args) {
  const tx = await factory.getDeployTransaction(...args);
  return provider.call({ data: tx.data });
}

const o = parse(process.argv.slice(2));
// No response cache: ethers reuses an answer for 250 ms by default, and a nonce read right after a mined
// transaction must be fresh.
const provider = new ethers.JsonRpcProvider(o.rpc, undefined, { staticNetwork: true, cacheTimeout: -1 });
let network;
try {
  network = await provider.getNetwork();
} catch (e) {
  fail(`cannot reach ${o.rpc}: ${e.shortMessage || e.message}`, 'check the RPC URL and that the node answers eth_chainId');
}
if (network.chainId !== BigInt(o['chain-id'])) fail(`the node is chain ${network.chainId}, not ${o['chain-id']}`, 'check --rpc and --chain-id');
const wallet = new ethers.Wallet(process.env.DEPLOYER_KEY, provider);
// Each transaction waits for its receipt, so the next nonce is the mined count: some dev nodes answer 'pending'
// with a count that lags behind, which would reuse a nonce.
const nextNonce = () => provider.getTransactionCount(wallet.address, 'latest');
console.log(`chain ${network.chainId} at ${o.rpc}; deployer ${wallet.address}`);

let token = o.token;
if (o.deployTestToken) {
  const t = artifact('MarketToken');
  const c = await new ethers.ContractFactory(t.abi, t.bytecode, wallet).deploy(o.admin, { nonce: await nextNonce() });
  await c.deploymentTransaction().wait();
  token = (await c.getAddress()).toLowerCase();
  console.log(`MarketToken (test token) deployed at ${token}`);
} else if ((await provider.getCode(token)) === '0x') {
  fail(`no contract at --token ${token} on chain ${network.chainId}`, 'pass the ERC-20 the marketplace settles in');
}

const t = artifact('Treasury');
const factory = new ethers.ContractFactory(t.abi, t.bytecode, wallet);
const args = [token, o.admin, o.operator];
const treasuryContract = await factory.deploy(...args, { nonce: await nextNonce() });
const receipt = await treasuryContract.deploymentTransaction().wait();
const treasury = (await treasuryContract.getAddress()).toLowerCase();
console.log(`Treasury deployed at ${treasury} (block ${receipt.blockNumber}, tx ${receipt.hash})`);

// Verify what landed: the runtime code the build's Treasury leaves for this token, the token and the roles.
const code = await provider.getCode(treasury);
if (code.toLowerCase() !== (await expectedCode(provider, factory, args)).toLowerCase()) {
  fail(`the code at ${treasury} is not the Treasury this release was built with`, 'do not use this address; check the RPC endpoint');
}
const deployed = new ethers.Contract(treasury, t.abi, provider);
if ((await deployed.token()).toLowerCase() !== token.toLowerCase()) fail('Treasury.token() is not the token', 'redeploy');
const role = (name) => deployed[name]();
for (const [name, who] of [['DEFAULT_ADMIN_ROLE', o.admin], ['PAYOUT_ROLE', o.operator], ['ANCHOR_ROLE', o.operator]]) {
  if (!(await deployed.hasRole(await role(name), who))) fail(`${who} lacks ${name}`, 'redeploy with the right --admin/--operator');
}
console.log(`verified: code matches the build, token ${token}, admin ${o.admin}, operator ${o.operator}`);

if (o.installation) {
  let text = readFileSync(o.installation, 'utf8');
  for (const [key, value] of [['chain-id', String(network.chainId)], ['token-address', token], ['treasury-address', treasury]]) {
    const line = new RegExp(`^(\\s*${key}:).*$`, 'm');
    if (!line.test(text)) fail(`${o.installation} has no ${key}: line`, 'start from overlays/prod/installation.yaml');
    text = text.replace(line, `$1 "${value}"`);
  }
  writeFileSync(o.installation, text);
  console.log(`wrote chain-id, token-address and treasury-address to ${o.installation}`);
}
