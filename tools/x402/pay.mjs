// A client driver for the tests and for trying x402 by hand: performs one request with @x402/fetch and
// @x402/evm's exact client scheme, pays a 402 if the server asks (signing an EIP-3009 authorization with the
// key in X402_PRIVATE_KEY) and prints one JSON line: {status, headers, body, paymentResponse, paymentSignature}
// (the PAYMENT-SIGNATURE it sent, for tests that replay or alter it); on a failure before an answer, {error} and
// exit code 1.
//
//   X402_PRIVATE_KEY=0x... node tools/x402/pay.mjs <url> [--method POST] [--body JSON] [--header 'K: V']...
//       [--asset 0xUSDC] [--max-usd 100] [--payment-id ID] [--valid-seconds N] [--sign-only]
//
// --payment-id adds the payment-identifier extension's id to the payload (an idempotency key for the payment);
// --valid-seconds makes the client sign an authorization valid for N seconds only, as if the 402 had asked so;
// --sign-only signs the payment for the 402 but never sends it (status 0): a fresh payload to send by other means.
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
    'payment-id': { type: 'string' },
    'valid-seconds': { type: 'string' },
    'sign-only': { type: 'boolean', default: false },
  },
});
if (positionals.length !== 1 || !process.env.X402_PRIVATE_KEY) {
  console.error('usage: X402_PRIVATE_KEY=0x... node pay.mjs <url> [--method M] [--body JSON] [--header "K: V"]... [--asset 0x...]... [--max-usd N]');
  process.exit(2);
}

const maxUsd = options['max-usd'];
const maxAtomic = (BigInt(Math.round(Number(maxUsd) * 100)) * 10_000n).toString(); // USDC's 6 decimals
const base64Json = (value) => JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
const toBase64Json = (value) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

// The transport under the x402 client: where the options alter what it reads or sends, and where the payment it
// sends is kept.
let paymentSignature = null;
async function transport(input, init) {
  const request = new Request(input, init);
  let signature = request.headers.get('PAYMENT-SIGNATURE');
  if (signature && options['payment-id']) {
    const payload = base64Json(signature);
    payload.extensions = { ...(payload.extensions || {}),
      'payment-identifier': { ...(payload.extensions?.['payment-identifier'] || {}), info: { required: false, id: options['payment-id'] } } };
    signature = toBase64Json(payload);
    request.headers.set('PAYMENT-SIGNATURE', signature);
  }
  if (signature) paymentSignature = signature;
  if (signature && options['sign-only']) return new Response('null', { status: 200 }); // stands for "not sent"
  const response = await fetch(request);
  const required = response.headers.get('PAYMENT-REQUIRED');
  if (response.status !== 402 || !required || !options['valid-seconds']) return response;
  const asked = base64Json(required);
  asked.accepts = asked.accepts.map((entry) => ({ ...entry, maxTimeoutSeconds: Number(options['valid-seconds']) }));
  const headers = new Headers(response.headers);
  headers.set('PAYMENT-REQUIRED', toBase64Json(asked));
  return new Response(await response.text(), { status: response.status, headers });
}

const fetchWithPayment = wrapFetchWithPaymentFromConfig(transport, {
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
    status: options['sign-only'] && paymentSignature ? 0 : response.status,
    headers: Object.fromEntries(response.headers),
    body,
    paymentResponse: paymentHeader ? decodePaymentResponseHeader(paymentHeader) : null,
    paymentSignature,
  }));
} catch (e) {
  console.log(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
  process.exit(1);
}
