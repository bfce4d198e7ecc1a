// The marketplace dev chain: chain id 1337, instant mining by default (MARKETPLACE_CHAIN_BLOCK_MS=1000 for
// interval mining, as confirmations tests need), well-known test mnemonic — never use these keys elsewhere.
const intervalMs = Number(process.env.MARKETPLACE_CHAIN_BLOCK_MS || 0);
module.exports = {
  networks: {
    hardhat: {
      chainId: 1337,
      mining: intervalMs > 0 ? { auto: false, interval: intervalMs } : { auto: true, interval: 0 },
      accounts: {
        mnemonic: "test test test test test test test test test test test junk",
        count: 10,
        accountsBalance: "10000000000000000000000",
      },
    },
  },
};
