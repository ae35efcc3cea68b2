// The local x402 facilitator: @x402/core's x402Facilitator with @x402/evm's exact scheme (EIP-3009
// transferWithAuthorization) for the chain at --rpc, served over HTTP on 127.0.0.1:--port as the x402 v2
// facilitator API defines it: POST /verify and POST /settle (body {x402Version, paymentPayload,
// paymentRequirements}), GET /supported. It settles with the key in FACILITATOR_PRIVATE_KEY and pays the gas.
// The local stack starts it (com.ceki.local.stack.LocalFacilitator), output in .local/logs/facilitator.log.
//
//   FACILITATOR_PRIVATE_KEY=0x... node tools/x402/facilitator.mjs --port 4022 --rpc http://127.0.0.1:8545
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// The packages are the pinned ones of tools/emulators (their CommonJS builds: an ES import resolves from this file).
const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../emulators/package.json'));
const { x402Facilitator } = require('@x402/core/facilitator');
const { toFacilitatorEvmSigner } = require('@x402/evm');
const { ExactEvmScheme } = require('@x402/evm/exact/facilitator');
const { createPublicClient, createWalletClient, defineChain, http, publicActions } = require('viem');
const { privateKeyToAccount } = require('viem/accounts');

const { values: args } = parseArgs({ options: { port: { type: 'string' }, rpc: { type: 'string' } } });
if (!args.port || !args.rpc || !process.env.FACILITATOR_PRIVATE_KEY) {
  console.error('usage: FACILITATOR_PRIVATE_KEY=0x... node facilitator.mjs --port N --rpc URL');
  process.exit(2);
}

const chainId = await createPublicClient({ transport: http(args.rpc) }).getChainId();
const chain = defineChain({ id: chainId, name: `local ${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
                            rpcUrls: { default: { http: [args.rpc] } } });
const network = `eip155:${chainId}`;
const account = privateKeyToAccount(process.env.FACILITATOR_PRIVATE_KEY);
// anvil mines at once: poll for receipts often rather than at a public chain's block time.
const client = createWalletClient({ account, chain, transport: http(args.rpc), pollingInterval: 50 }).extend(publicActions);

// Transactions are sent one at a time, each taking the account's pending nonce from the chain: anvil mines a
// transaction as it arrives, so the next one sees it. (A nonce cache would go wrong after a test reverts the chain.)
let sending = Promise.resolve();
function oneAtATime(send) {
  const result = sending.then(send);
  sending = result.catch(() => {});
  return result;
}

const signer = toFacilitatorEvmSigner({
  address: account.address,
  getCode: (a) => client.getCode(a),
  readContract: (a) => client.readContract({ ...a, args: a.args || [] }),
  verifyTypedData: (a) => client.verifyTypedData(a),
  writeContract: (a) => oneAtATime(() => client.writeContract({ ...a, args: a.args || [] })),
  sendTransaction: (a) => oneAtATime(() => client.sendTransaction(a)),
  waitForTransactionReceipt: (a) => client.waitForTransactionReceipt(a),
}, { confirmationTimeoutMs: 30_000 });

const facilitator = new x402Facilitator().register(network, new ExactEvmScheme(signer));

/** The body of a POST as JSON, or an Error for the 400 answer. */
async function jsonBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    return new Error(`The body is not JSON: ${e.message}`);
  }
}

function answer(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

const server = createServer(async (request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  try {
    if (request.method === 'GET' && path === '/supported') {
      return answer(response, 200, facilitator.getSupported());
    }
    if (request.method !== 'POST' || (path !== '/verify' && path !== '/settle')) {
      return answer(response, 404, { error: `No ${request.method} ${path} here: POST /verify, POST /settle, GET /supported` });
    }
    const body = await jsonBody(request);
    if (body instanceof Error || !body?.paymentPayload || !body?.paymentRequirements) {
      return answer(response, 400, { error: body instanceof Error ? body.message : 'Missing paymentPayload or paymentRequirements' });
    }
    const result = path === '/verify'
      ? await facilitator.verify(body.paymentPayload, body.paymentRequirements)
      : await facilitator.settle(body.paymentPayload, body.paymentRequirements);
    console.log(new Date().toISOString(), path, JSON.stringify(result));
    return answer(response, 200, result);
  } catch (e) {
    console.error(new Date().toISOString(), path, e);
    return answer(response, 500, { error: e instanceof Error ? e.message : String(e) });
  }
});
server.listen(Number(args.port), '127.0.0.1', () => {
  console.log(`x402 facilitator for ${network} on http://127.0.0.1:${args.port}, settling as ${account.address}`);
});
