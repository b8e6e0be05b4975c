package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Transactions sent to a blockchain (packs/chains.toml): a transaction on
// a main network cannot be taken back, moves real money and may end a
// contract for good (selfdestruct, renounceOwnership). Foundry's cast
// send and forge script --broadcast, forge create, Hardhat's run, deploy
// and ignition deploy with --network are read; the network comes from
// --rpc-url, --chain, --network, ETH_RPC_URL and a variable's name
// ($MAINNET_RPC_URL).

// testChainWords name test networks and local nodes.
const testChainWords = "sepolia goerli holesky hoodi amoy mumbai fuji testnet devnet localhost 127.0.0.1 anvil hardhat " +
	"ganache local fork"

// mainChainWords name main networks, as words of an RPC URL, a chain's
// name or a variable's name.
const mainChainWords = "mainnet ethereum eth arbitrum arb1 optimism base polygon matic bsc avalanche avax gnosis zksync " +
	"linea scroll blast"

// mainChainIDs are the chain ids of main networks.
const mainChainIDs = "1 10 56 100 137 324 8453 42161 43114 59144 534352 81457"

// endingCalls are contract functions whose call ends or gives away a
// contract or its funds.
var endingCalls = []string{"selfdestruct", "destroy", "kill", "renounceownership", "burn", "burnall", "withdrawall", "emergencywithdraw", "sweep", "drain", "transferownership"}

// chainTx says what a command sends to a chain: whether it broadcasts a
// transaction at all, the network it names, and a contract call that ends
// something.
type chainTx struct {
	sends   bool
	network string // as written, or "" when none is named
	dynamic bool   // the network is only known at run time
	ending  string // the function, when one of endingCalls
}

func readChainTx(inv *parse.Invocation, v *view) chainTx {
	var tx chainTx
	ops := v.operands
	name := path.Base(inv.Name)
	sub := func(i int) string {
		if i < len(ops) && !ops[i].Dynamic {
			return strings.ToLower(ops[i].Value)
		}
		return ""
	}
	switch name {
	case "cast":
		switch sub(0) {
		case "send", "publish", "s":
			tx.sends = true
		}
		for _, op := range ops[min(1, len(ops)):] {
			sig := strings.ToLower(op.Value)
			if i := strings.IndexByte(sig, '('); i > 0 {
				sig = sig[:i]
			}
			for _, e := range endingCalls {
				if sig == e {
					tx.ending = op.Value
				}
			}
		}
	case "forge":
		switch sub(0) {
		case "script":
			_, tx.sends = v.hasFlag([]string{"--broadcast"})
		case "create":
			tx.sends = true
			if _, ok := v.hasFlag([]string{"--dry-run"}); ok {
				tx.sends = false
			}
		}
	case "hardhat":
		switch sub(0) {
		case "run", "deploy":
			tx.sends = true
		case "ignition":
			tx.sends = sub(1) == "deploy"
		}
	}
	if !tx.sends {
		return tx
	}
	for i, f := range v.flags {
		n, val, has := strings.Cut(f, "=")
		switch n {
		case "--rpc-url", "-r", "--fork-url", "--chain", "--chain-id", "--network":
		default:
			continue
		}
		if !has {
			if !v.hasVal(i) {
				tx.dynamic = true
				continue
			}
			val = v.vals[i]
		}
		tx.network = val
	}
	if tx.network == "" {
		for _, a := range inv.Assigns {
			if a.Name == "ETH_RPC_URL" || a.Name == "HARDHAT_NETWORK" {
				tx.network = a.Value.Value
			}
		}
	}
	return tx
}

// chainWords splits a network's spelling into lower-case words: an RPC
// URL's host and path, a chain's name, a variable's name.
func chainWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

// mainNetwork reports whether a network's spelling names a main network
// and no test one.
func mainNetwork(s string) bool {
	words := chainWords(s)
	if testNetwork(s) {
		return false
	}
	for _, w := range words {
		for m := range strings.FieldsSeq(mainChainWords) {
			if w == m {
				return true
			}
		}
	}
	if len(words) == 1 {
		for id := range strings.FieldsSeq(mainChainIDs) {
			if words[0] == id {
				return true
			}
		}
	}
	return false
}

// testNetwork reports whether a network's spelling names a test network or
// a local node.
func testNetwork(s string) bool {
	if strings.Contains(s, "127.0.0.1") || strings.Contains(s, "[::1]") || strings.Contains(s, "0.0.0.0") {
		return true
	}
	for _, w := range chainWords(s) {
		for t := range strings.FieldsSeq(testChainWords) {
			if w == t || len(t) > 4 && strings.Contains(w, t) {
				return true
			}
		}
	}
	return false
}

// newChainTx matches a transaction broadcast to a main network, and a
// contract call that ends a contract or its funds on any network but a
// local or test one.
func newChainTx(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		tx := readChainTx(inv, v)
		if !tx.sends {
			return "", false
		}
		main := mainNetwork(tx.network)
		test := tx.network != "" && testNetwork(tx.network)
		switch {
		case tx.ending != "" && !test:
			return "the transaction calls " + tx.ending + ", which ends the contract or gives away what it holds", true
		case main:
			return "the transaction goes to a main network (" + tx.network + "), where it cannot be taken back and spends real funds", true
		}
		return "", false
	}, nil
}
