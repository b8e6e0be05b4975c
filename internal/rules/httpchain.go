package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/wordlist"
)

// Blockchain nodes and wallets take their commands as JSON-RPC: a body
// {"jsonrpc": "2.0", "method": "debug_setHead", "params": [...]} (geth,
// erigon, reth, Solana, Core Lightning's and Eclair's APIs; bitcoind's
// 1.0 dialect may leave out "jsonrpc" but keeps "params"). The method
// names the call, as an RPC protocol's name does (httprpc.go), and is
// read by its words, past a namespace (eth_, debug_, personal_, z_):
//
//   - a rewind or a prune of the chain the node holds: setHead, rewind,
//     rollback, unwind, revert, invalidateblock, pruneblockchain; the node
//     throws away blocks it must download or rebuild again;
//   - money sent: sendtoaddress, sendmany, sendall, eth_sendRawTransaction,
//     sendTransaction, pay, keysend, withdraw, transfer, sweep_all. A
//     broadcast transaction cannot be called back.
//
// Custodial wallets' and exchanges' REST APIs say the same in the path:
// BitGo's .../wallet/ID/sendcoins and sendmany, a send under a wallet or a
// transaction (.../tx/send, LND's /v2/router/send), a withdrawal
// (/capital/withdraw/apply, /0/private/Withdraw, /withdrawals/crypto).
//
// A test network's node or wallet (a host or path naming sepolia,
// testnet, regtest, signet, devnet; bitcoind's test ports) holds play
// money and passes. A node on this machine passes like any local
// service, except on a main network's RPC port (bitcoind's 8332), which
// is the main chain's node whatever the host (httpstores.go).

// chainNamespaces are the prefixes before an underscore that name a
// node's API module rather than the call: eth_sendRawTransaction,
// debug_setHead, z_sendmany.
const chainNamespaces = "eth debug personal admin miner txpool erigon trace parity net web3 engine hardhat anvil " +
	"evm ots bor clique zks zkevm arbtrace suix sui starknet linea flashbots mev z wallet"

// chainTestWords are the words of a host or path that name a test network.
const chainTestWords = "sepolia goerli holesky hoodi amoy mumbai fuji testnet testnet3 testnet4 devnet regtest " +
	"signet stagenet localnet chapel"

// chainTestPorts are the RPC ports of bitcoind's (and its forks') test
// networks: testnet, regtest, signet, testnet4, Litecoin's and Zcash's.
var chainTestPorts = []int{18332, 18443, 38332, 48332, 19332, 19443, 18232, 44555}

// sendObjects are what may follow "send" in a method's name when it sends
// money: sendtoaddress, sendmany, sendall, sendcoins, sendrawtransaction,
// sendpayment, sendtoroute, sendUserOperation, sendBundle.
var sendObjects = []string{"to", "many", "all", "coin", "from", "raw", "transaction", "tx", "pay", "fund",
	"useroperation", "bundle", "private", "onchain", "onion", "asset", "token", "btc", "eth", "sol", "money", "amount"}

// jsonRPCMethods returns the methods a JSON-RPC request calls: each
// "method" of a body that also holds "jsonrpc" or "params".
func jsonRPCMethods(r *httpreq.Request) []string {
	if r.Method != "POST" || !r.Mentions("method") {
		return nil
	}
	vals := r.Values()
	rpc := false
	for _, v := range vals {
		if v.Key == "jsonrpc" || v.Key == "params" {
			rpc = true
			break
		}
	}
	if !rpc {
		return nil
	}
	var out []string
	for _, v := range vals {
		if v.Key == "method" && v.Text != "" && len(v.Text) < 80 && !strings.ContainsAny(v.Text, " {") {
			out = append(out, v.Text)
		}
	}
	return out
}

// methodWords returns a method's name past its namespace, in lower case
// with no separators, and the name as written.
func methodWords(method string) (joined, name string) {
	name = callName(method)
	if i := strings.IndexByte(name, '_'); i > 0 && wordlist.Has(chainNamespaces, strings.ToLower(name[:i])) {
		name = name[i+1:]
	}
	return strings.Join(httpreq.WordParts(name), ""), name
}

// chainRewind says why a call's name rewinds or prunes the chain a node
// holds, or returns "".
func chainRewind(method string) string {
	joined, _ := methodWords(method)
	for _, p := range [...]string{"sethead", "resethead", "rewind", "rollback", "unwind", "revert"} {
		if strings.HasPrefix(joined, p) {
			return "which rewinds the node's chain: the blocks after it are thrown away"
		}
	}
	switch {
	case strings.HasPrefix(joined, "invalidateblock"):
		return "which marks a block invalid: the node rewinds its chain past it"
	case strings.HasPrefix(joined, "prune"):
		return "which deletes the node's old blocks, which only a new download brings back"
	}
	return ""
}

// moneyOutName says why a call's name (a JSON-RPC method, a REST path's
// segment) sends money out of a wallet, or returns "". bare says that a
// name of only "send", "pay" or "transfer" counts: a JSON-RPC method's,
// or a path segment under a wallet.
func moneyOutName(name string, bare bool) string {
	joined, _ := methodWords(name)
	const why = "which sends money out of the wallet: a broadcast transaction or a payment cannot be called back"
	if rest, ok := strings.CutPrefix(joined, "send"); ok {
		if rest == "" && bare {
			return why
		}
		for _, o := range sendObjects {
			if rest != "" && strings.HasPrefix(rest, o) {
				return why
			}
		}
		return ""
	}
	for _, p := range [...]string{"keysend", "xpay", "renepay", "payinvoice", "payoffer", "multiwithdraw", "sweep",
		"withdraw", "submittransaction", "submittx", "submitmultisigned"} {
		if strings.HasPrefix(joined, p) && !strings.HasSuffix(joined, "status") && !strings.HasSuffix(joined, "history") {
			return why
		}
	}
	if bare && (joined == "pay" || joined == "transfer" || joined == "transfersplit") {
		return why
	}
	return ""
}

// chainTestTarget reports whether a request goes to a test network's
// node or wallet, by its host, its path or bitcoind's test ports.
func chainTestTarget(r *httpreq.Request) bool {
	for _, p := range chainTestPorts {
		if r.Port == p {
			return true
		}
	}
	for _, w := range chainWords(r.Host + "/" + r.Path) {
		if wordlist.Has(chainTestWords, w) {
			return true
		}
		for t := range strings.FieldsSeq(chainTestWords) {
			if len(t) > 5 && strings.Contains(w, t) {
				// eth-sepolia, solana-devnet: the network inside a word.
				return true
			}
		}
	}
	return false
}

// chainRewindCall says why a JSON-RPC request rewinds or prunes a node's
// chain, or returns "".
func chainRewindCall(r *httpreq.Request) string {
	for _, m := range jsonRPCMethods(r) {
		if why := chainRewind(m); why != "" && !chainTestTarget(r) {
			return "whose JSON-RPC method " + m + " " + strings.TrimPrefix(why, "which ")
		}
	}
	return ""
}

// moneyWords are path words under which a bare send moves money: a
// wallet, a transaction, LND's router.
const moneyWords = "wallet wallets tx txs transaction transactions coin coins router onchain funds crypto"

// chainMoneyCall says why a request sends money from a wallet, by its
// JSON-RPC method or its REST path, or returns "".
func chainMoneyCall(r *httpreq.Request) string {
	if r.Method != "POST" || chainTestTarget(r) {
		return ""
	}
	for _, m := range jsonRPCMethods(r) {
		if why := moneyOutName(m, true); why != "" {
			return "whose JSON-RPC method " + m + " " + strings.TrimPrefix(why, "which ")
		}
	}
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	underWallet := false
	for _, s := range segs {
		for _, p := range httpreq.WordParts(s) {
			underWallet = underWallet || wordlist.Has(moneyWords, p)
			if p == "consent" || p == "consents" {
				// A consent withdrawn is not money.
				return ""
			}
		}
	}
	for i, s := range segs {
		if s == "" || strings.ContainsAny(s, "$`") {
			continue
		}
		why := moneyOutName(s, underWallet && i > 0)
		if why == "" {
			for _, p := range httpreq.WordParts(s) {
				if p == "withdrawal" || p == "withdrawals" {
					why = "which withdraws funds from the account: a payout sent cannot be called back"
				}
			}
		}
		if why == "" {
			continue
		}
		if i+1 < len(segs) && wordlist.Has("history list status fee fees quota limit limits info address addresses", strings.ToLower(segs[i+1])) {
			// A read about withdrawals: /withdraw/history.
			return ""
		}
		return why
	}
	return ""
}
