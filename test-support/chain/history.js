#!/usr/bin/env node
// Keeps the dev chain across restarts. Hardhat holds its state in memory only, but its blocks are deterministic:
// the same genesis time, the same signed transactions in the same order and the same block timestamps give the
// same block hashes. So the local stack records every block it mines (record) and, on the next start, mines them
// again into a fresh node (replay); the replayed head must have the recorded hash, or nothing is claimed kept.
//
//   node history.js record --rpc URL --file blocks.jsonl     append each new block (full transactions) as a line
//   node history.js replay --rpc URL --file blocks.jsonl [--interval-ms N]
//                                   mine the recorded blocks again; exit 0 when the head matches, then mine every N ms
//
// Transactions are re-sent as the bytes that were signed originally (rebuilt from the node's fields and checked
// against their hash), so nothing is re-signed and every transaction keeps its hash.
'use strict';
const fs = require('fs');
const { RLP } = require('micro-eth-signer/rlp');
const { keccak_256 } = require('@noble/hashes/sha3');

function args() {
  const [cmd, ...rest] = process.argv.slice(2);
  const o = { cmd };
  for (let i = 0; i < rest.length; i += 2) o[rest[i].replace(/^--/, '')] = rest[i + 1];
  if (!['record', 'replay'].includes(cmd) || !o.rpc || !o.file) {
    console.error('usage: node history.js record|replay --rpc URL --file FILE');
    process.exit(2);
  }
  return o;
}

async function rpc(url, method, params = []) {
  const r = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const j = await r.json();
  if (j.error) throw new Error(`${method}: ${j.error.message}`);
  return j.result;
}

const hex = (b) => '0x' + Buffer.from(b).toString('hex');
const bytes = (h) => {
  let s = h == null ? '' : h.replace(/^0x/, '');
  if (s.length % 2) s = '0' + s;
  return Uint8Array.from(Buffer.from(s, 'hex'));
};
// An RLP integer: big-endian without leading zeros (zero is the empty string).
const quantity = (h) => { const v = BigInt(h || 0); return v === 0n ? new Uint8Array() : bytes('0x' + v.toString(16)); };
const accessList = (l) => (l || []).map((e) => [bytes(e.address), e.storageKeys.map(bytes)]);

/** The signed bytes of a transaction as the node reports it (types 0, 1 and 2: what the marketplace sends). */
function raw(tx) {
  const type = Number(tx.type || 0);
  const to = tx.to ? bytes(tx.to) : new Uint8Array();
  let encoded;
  if (type === 2) {
    encoded = concat([2], RLP.encode([quantity(tx.chainId), quantity(tx.nonce), quantity(tx.maxPriorityFeePerGas),
      quantity(tx.maxFeePerGas), quantity(tx.gas), to, quantity(tx.value), bytes(tx.input), accessList(tx.accessList),
      quantity(tx.yParity ?? tx.v), quantity(tx.r), quantity(tx.s)]));
  } else if (type === 1) {
    encoded = concat([1], RLP.encode([quantity(tx.chainId), quantity(tx.nonce), quantity(tx.gasPrice), quantity(tx.gas),
      to, quantity(tx.value), bytes(tx.input), accessList(tx.accessList), quantity(tx.yParity ?? tx.v), quantity(tx.r),
      quantity(tx.s)]));
  } else if (type === 0) {
    encoded = RLP.encode([quantity(tx.nonce), quantity(tx.gasPrice), quantity(tx.gas), to, quantity(tx.value),
      bytes(tx.input), quantity(tx.v), quantity(tx.r), quantity(tx.s)]);
  } else {
    throw new Error(`transaction ${tx.hash} has type ${type}, which the history cannot re-send`);
  }
  if (hex(keccak_256(encoded)) !== tx.hash) {
    throw new Error(`transaction ${tx.hash} could not be rebuilt from the node's fields`);
  }
  return hex(encoded);
}

function concat(prefix, body) {
  const out = new Uint8Array(prefix.length + body.length);
  out.set(prefix, 0);
  out.set(body, prefix.length);
  return out;
}

function readLines(file) {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

async function record(o) {
  let recorded = readLines(o.file);
  let stopping = false;
  const hashAt = async (n) => (await rpc(o.rpc, 'eth_getBlockByNumber', ['0x' + n.toString(16), false]))?.hash;
  const catchUp = async () => {
    // A reorganisation (or a chain that is not the recorded one) replaces blocks: forget them back to the fork.
    let keep = recorded.length;
    while (keep > 0 && (await hashAt(recorded[keep - 1].number)) !== recorded[keep - 1].hash) keep--;
    if (keep < recorded.length) {
      console.error(`history: the chain replaced blocks from ${keep}; recording its new branch`);
      recorded = recorded.slice(0, keep);
      fs.writeFileSync(o.file, recorded.map((l) => JSON.stringify(l) + '\n').join(''));
    }
    const head = Number(await rpc(o.rpc, 'eth_blockNumber'));
    const lines = [];
    for (let n = recorded.length; n <= head; n++) {
      const b = await rpc(o.rpc, 'eth_getBlockByNumber', ['0x' + n.toString(16), true]);
      const line = { number: n, hash: b.hash, timestamp: Number(b.timestamp), txs: b.transactions.map(raw) };
      lines.push(line);
      recorded.push(line);
    }
    if (lines.length) {
      const fd = fs.openSync(o.file, 'a');
      fs.writeSync(fd, lines.map((l) => JSON.stringify(l) + '\n').join(''));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
  };
  // The stack stops the services first and this recorder before the chain: the last blocks are written on the way out.
  process.on('SIGTERM', () => { stopping = true; });
  process.on('SIGINT', () => { stopping = true; });
  for (;;) {
    try {
      await catchUp();
    } catch (e) {
      if (stopping) break;
      console.error(`history: ${e.message}; retrying`);
    }
    if (stopping) break;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function replay(o) {
  const lines = readLines(o.file);
  const genesis = lines.find((l) => l.number === 0);
  const have = await rpc(o.rpc, 'eth_getBlockByNumber', ['0x0', false]);
  if (!genesis || genesis.hash !== have.hash) {
    throw new Error(`the new node's genesis block ${have.hash} is not the recorded ${genesis && genesis.hash}`);
  }
  await rpc(o.rpc, 'evm_setAutomine', [false]);
  await rpc(o.rpc, 'evm_setIntervalMining', [0]);
  let txs = 0;
  const started = Date.now();
  let said = started;
  const blocks = lines.filter((b) => b.number > 0);
  const check = async (b) => {
    const mined = await rpc(o.rpc, 'eth_getBlockByNumber', ['latest', false]);
    if (mined.hash !== b.hash || Number(mined.number) !== b.number) {
      throw new Error(`block ${b.number} came out as ${mined.hash} (block ${Number(mined.number)}), recorded ${b.hash}`);
    }
  };
  let prev = genesis;
  for (let i = 0; i < blocks.length;) {
    const b = blocks[i];
    if (b.txs.length === 0) {
      // An idle chain mines an empty block a second. Each is mined with its own timestamp, one call after the
      // other: hardhat_mine's reserved blocks would make the next real block come out different, and the node does
      // not keep the order of a JSON-RPC batch. The run is checked at its end.
      let j = i;
      while (j + 1 < blocks.length && blocks[j + 1].txs.length === 0) j++;
      for (let k = i; k <= j; k++) await rpc(o.rpc, 'evm_mine', ['0x' + blocks[k].timestamp.toString(16)]);
      await check(blocks[j]);
      prev = blocks[j];
      i = j + 1;
    } else {
      for (const t of b.txs) await rpc(o.rpc, 'eth_sendRawTransaction', [t]);
      txs += b.txs.length;
      await rpc(o.rpc, 'evm_mine', ['0x' + b.timestamp.toString(16)]);
      await check(b);
      prev = b;
      i++;
    }
    if (Date.now() - said > 5000) {
      said = Date.now();
      console.log(`  … replayed ${prev.number} of ${blocks.length} blocks`);
    }
  }
  // Back to real time: later blocks carry the wall clock again, not the recorded chain's clock.
  const now = Math.floor(Date.now() / 1000);
  const last = lines.length ? lines[lines.length - 1].timestamp : 0;
  await rpc(o.rpc, 'evm_setNextBlockTimestamp', ['0x' + Math.max(now, last + 1).toString(16)]);
  await rpc(o.rpc, 'evm_setAutomine', [true]);
  await rpc(o.rpc, 'evm_setIntervalMining', [Number(o['interval-ms'] || 0)]);
  console.log(JSON.stringify({ blocks: lines.length - 1, transactions: txs, head: lines.length ? lines[lines.length - 1].hash : have.hash,
    seconds: Math.round((Date.now() - started) / 1000) }));
}

const o = args();
(o.cmd === 'record' ? record(o) : replay(o)).catch((e) => {
  console.error(`history: ${e.message}`);
  process.exit(1);
});
