// The marketplace dev chain: chain id 1337, every transaction mined at once; MARKETPLACE_CHAIN_BLOCK_MS=1000 adds
// an empty block every second so confirmations accrue on an idle chain (the local stack). Well-known test
// mnemonic — never use these keys elsewhere.
const intervalMs = Number(process.env.MARKETPLACE_CHAIN_BLOCK_MS || 0);
module.exports = {
  networks: {
    hardhat: {
      chainId: 1337,
      mining: { auto: true, interval: intervalMs },
      accounts: {
        mnemonic: "test test test test test test test test test test test junk",
        count: 10,
        accountsBalance: "10000000000000000000000",
      },
    },
  },
};
