// The marketplace dev chain: chain id 1337, every transaction mined at once; MARKETPLACE_CHAIN_BLOCK_MS=1000 adds
// an empty block every second so confirmations accrue on an idle chain (the local stack), and
// MARKETPLACE_CHAIN_GENESIS_TIME (unix seconds) fixes the genesis block so a recorded chain can be replayed.
// Well-known test mnemonic — never use these keys elsewhere.
const intervalMs = Number(process.env.MARKETPLACE_CHAIN_BLOCK_MS || 0);
const genesisTime = process.env.MARKETPLACE_CHAIN_GENESIS_TIME;
module.exports = {
  networks: {
    hardhat: {
      chainId: 1337,
      // FIFO: a replayed block (history.js) gets its transactions in the recorded order.
      mining: { auto: true, interval: intervalMs, mempool: { order: "fifo" } },
      // The interval miner and a transaction can land in the same second; a replay must accept such a block again.
      allowBlocksWithSameTimestamp: true,
      ...(genesisTime ? { initialDate: new Date(Number(genesisTime) * 1000).toISOString() } : {}),
      accounts: {
        mnemonic: "test test test test test test test test test test test junk",
        count: 10,
        accountsBalance: "10000000000000000000000",
      },
    },
  },
};
