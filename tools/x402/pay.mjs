// A client driver for the tests and for trying x402 by hand: performs one request with @x402/fetch and
// @x402/evm's exact client scheme, pays a 402 if the server asks (signing an EIP-3009 authorization with the
// key in X402_PRIVATE_KEY) and prints one JSON line: {status, headers, body, paymentResponse}; on a failure
// before an answer, {error} and exit code 1.
//
//   X402_PRIVATE_KEY=0x... node tools/x402/pay.mjs <url> [--method POST] [--body JSON] [--header 'K: V']...
//       [--asset 0xUSDC] [--max-usd 100]
//
// x402 clients cap one payment at $1 and pay only the stablecoins they know for a network unless their spend
// controls are raised: here spendControls.maxAmountPerPayment is "$<max-usd>" (default 100) for the known ones,
// and --asset adds a token they do not know (the local USDC: a local chain has no default asset) to
// spendControls.allowedAssets, capped at max-usd in 6-decimal units.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../emulators/package.json'));
const { wrapFetchWithPaymentFromConfig, decodePaymentResponseHeader } = require('@x402/fetch');
const { ExactEvmScheme } = require('@x402/evm/exact/client');
const { privateKeyToAccount } = require('viem/accounts');

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    method: { type: 'string', default: 'GET' },
    body: { type: 'string' },
    header: { type: 'string', multiple: true, default: [] },
    asset: { type: 'string', multiple: true, default: [] },
    'max-usd': { type: 'string', default: '100' },
  },
});
if (positionals.length !== 1 || !process.env.X402_PRIVATE_KEY) {
  console.error('usage: X402_PRIVATE_KEY=0x... node pay.mjs <url> [--method M] [--body JSON] [--header "K: V"]... [--asset 0x...]... [--max-usd N]');
  process.exit(2);
}

const maxUsd = options['max-usd'];
const maxAtomic = (BigInt(Math.round(Number(maxUsd) * 100)) * 10_000n).toString(); // USDC's 6 decimals
const fetchWithPayment = wrapFetchWithPaymentFromConfig(fetch, {
  schemes: [{ network: 'eip155:*', client: new ExactEvmScheme(privateKeyToAccount(process.env.X402_PRIVATE_KEY)) }],
  spendControls: {
    maxAmountPerPayment: `$${maxUsd}`,
    allowedAssets: options.asset.map((asset) => ({ network: 'eip155:*', asset, maxAmountPerPayment: maxAtomic })),
  },
});

const headers = new Headers();
for (const line of options.header) {
  const colon = line.indexOf(':');
  headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
}
if (options.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');

try {
  const response = await fetchWithPayment(positionals[0], { method: options.method, headers, body: options.body });
  const text = await response.text();
  let body = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the text as is
  }
  const paymentHeader = response.headers.get('PAYMENT-RESPONSE');
  console.log(JSON.stringify({
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body,
    paymentResponse: paymentHeader ? decodePaymentResponseHeader(paymentHeader) : null,
  }));
} catch (e) {
  console.log(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
  process.exit(1);
}
