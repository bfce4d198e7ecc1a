#!/usr/bin/env node
// A dev wallet for the local stack: what a user's browser wallet does on a real chain, done with the Hardhat
// node's unlocked test accounts (well-known keys; never use them anywhere else).
//
//   node deploy/local/wallet.js fund USER AMOUNT      approve + Treasury.deposit to USER's deposit reference, then
//                                                     wait until settlement credits it
//   node deploy/local/wallet.js link-address USER     sign USER's address challenge (EIP-191) and link the address
//
// Called by deploy/local/fund and deploy/local/link-address; Node 20+ (fetch), no packages.
'use strict';

const GATEWAY = process.env.MARKETPLACE_GATEWAY || 'http://127.0.0.1:8080';
const REALM = process.env.MARKETPLACE_REALM_URL || 'http://127.0.0.1:8180/realms/marketplace';
const RPC = process.env.MARKETPLACE_CHAIN_RPC || 'http://127.0.0.1:8545';
const CREDIT_TIMEOUT_S = Number(process.env.MARKETPLACE_FUND_TIMEOUT || 90);

// Each demo user has a Hardhat test account of its own (#0 is the operator that deployed the contracts);
// #1–#5 were given tokens when settlement deployed the token on this chain.
const ACCOUNT_OF = { buyer1: 1, buyer2: 2, provider1: 3, provider2: 4, validator1: 5, validator2: 6, validator3: 7, operator1: 8 };
const FUNDED = [1, 2, 3, 4, 5];

const SELECTOR = { approve: '095ea7b3', deposit: '1de26e16', balanceOf: '70a08231' };

function fail(message, next) {
  console.error(`error: ${message}`);
  if (next) console.error(`next:  ${next}`);
  process.exit(1);
}

async function rpc(method, params = []) {
  let r;
  try {
    r = await fetch(RPC, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  } catch (e) {
    fail(`the dev chain does not answer at ${RPC} (${e.cause?.code || e.message})`, 'start the stack with deploy/local/up');
  }
  const j = await r.json();
  if (j.error) throw new Error(`${method}: ${j.error.message}`);
  return j.result;
}

async function token(user) {
  let r;
  try {
    r = await fetch(`${REALM}/protocol/openid-connect/token`, { method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'marketplace-web', username: user, password: `${user}-pass` }) });
  } catch (e) {
    fail(`Keycloak does not answer at ${REALM}`, 'start the stack with deploy/local/up');
  }
  if (r.status !== 200) fail(`Keycloak refused a token for ${user} (${r.status})`, `use a demo user: ${Object.keys(ACCOUNT_OF).join(', ')}`);
  return (await r.json()).access_token;
}

async function api(bearer, method, path, body) {
  const r = await fetch(GATEWAY + path, { method, headers: { authorization: `Bearer ${bearer}`,
    ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  if (r.status >= 300) fail(`${method} ${path} answered ${r.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

const word = (hex) => hex.replace(/^0x/, '').toLowerCase().padStart(64, '0');
const uint = (n) => word(BigInt(n).toString(16));

async function send(from, to, data) {
  const hash = await rpc('eth_sendTransaction', [{ from, to, data: '0x' + data }]);
  for (let i = 0; i < 60; i++) {
    const receipt = await rpc('eth_getTransactionReceipt', [hash]);
    if (receipt) {
      if (receipt.status !== '0x1') fail(`transaction ${hash} reverted`);
      return hash;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  fail(`transaction ${hash} was not mined within 30 s`, 'check the chain with deploy/local/up\'s log');
}

async function tokenBalance(tokenAddress, holder) {
  return BigInt(await rpc('eth_call', [{ to: tokenAddress, data: '0x' + SELECTOR.balanceOf + word(holder) }, 'latest']));
}

function userAccount(accounts, user) {
  const i = ACCOUNT_OF[user];
  if (i === undefined) fail(`${user} is not a demo user`, `use one of ${Object.keys(ACCOUNT_OF).join(', ')}`);
  return accounts[i];
}

async function fund(user, amountText) {
  if (!/^(0|[1-9][0-9]{0,77})$/.test(amountText || '')) {
    fail(`AMOUNT must be a whole number of base units (1 token = 10^18), not "${amountText}"`, 'deploy/local/fund buyer1 5000000000000000000');
  }
  const amount = BigInt(amountText);
  const bearer = await token(user);
  const account = await api(bearer, 'GET', '/v1/accounts/me');
  if (!account.token || !account.treasury) fail('settlement has no token or treasury yet', 'wait until deploy/local/up says the stack is up');
  const accounts = await rpc('eth_accounts');
  // Pay from the user's own test account when it holds enough tokens, else from any funded one.
  const candidates = [ACCOUNT_OF[user], ...FUNDED].filter((i) => i !== undefined).map((i) => accounts[i]);
  let payer = null;
  for (const a of candidates) {
    if ((await tokenBalance(account.token, a)) >= amount) { payer = a; break; }
  }
  if (!payer) fail(`no dev account holds ${amount} base units of the token`, 'fund a smaller amount');
  console.log(`Funding ${user} (account ${account.id}) with ${amount} base units from dev account ${payer}`);
  console.log(`  1/3 approve: the treasury ${account.treasury} may take ${amount} from ${payer}`);
  await send(payer, account.token, SELECTOR.approve + word(account.treasury) + uint(amount));
  console.log(`  2/3 deposit: Treasury.deposit(${account.depositRef}, ${amount})`);
  const tx = await send(payer, account.treasury, SELECTOR.deposit + word(account.depositRef) + uint(amount));
  console.log(`      mined in ${tx}`);
  const before = BigInt(account.available);
  console.log('  3/3 waiting for settlement to credit it (final after 2 more blocks, about 3 s)…');
  const started = Date.now();
  for (;;) {
    const now = await api(bearer, 'GET', '/v1/accounts/me');
    if (BigInt(now.available) >= before + amount) {
      console.log(`Credited. ${user}'s balance: available ${now.available}, held ${now.held} base units.`);
      return;
    }
    if (Date.now() - started > CREDIT_TIMEOUT_S * 1000) {
      fail(`the deposit is on chain (${tx}) but not credited after ${CREDIT_TIMEOUT_S} s`,
        'GET /v1/chain/status shows how far deposits are credited; see .local/logs/settlement.log');
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function linkAddress(user) {
  const bearer = await token(user);
  const accounts = await rpc('eth_accounts');
  const address = userAccount(accounts, user);
  const challenge = await api(bearer, 'POST', '/v1/accounts/me/address-challenges');
  console.log(`Signing ${user}'s challenge ${challenge.challengeId} with dev account ${address} (EIP-191 personal_sign)`);
  const signature = await rpc('personal_sign', ['0x' + Buffer.from(challenge.message, 'utf8').toString('hex'), address]);
  const linked = await api(bearer, 'POST', '/v1/accounts/me/address', { challengeId: challenge.challengeId, address, signature });
  console.log(`Linked: ${user}'s withdrawals now pay ${linked.chainAddress}.`);
}

const [cmd, user, amount] = process.argv.slice(2);
const run = cmd === 'fund' && user ? fund(user, amount) : cmd === 'link-address' && user ? linkAddress(user) : null;
if (!run) fail('usage: wallet.js fund USER AMOUNT | wallet.js link-address USER');
run.catch((e) => fail(e.message));
