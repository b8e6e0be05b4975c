package rules

import (
	"net/url"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Local emulators: a cloud CLI aimed at an emulator of the cloud on this
// machine (LocalStack through awslocal or --endpoint-url
// http://localhost:4566, DynamoDB Local, ElasticMQ, Azurite) deletes from a
// sandbox that starts empty and that its tool recreates: nothing a person
// would miss. The findings of the cloud, backup, store, broker, secrets
// and verb rules pass when
//
//   - the command runs on this machine, and names the emulator itself:
//     awslocal (whose LOCALSTACK_HOST, when set, must be local too), an
//     --endpoint-url or AWS_ENDPOINT_URL on loopback or a compose service
//     at an emulator's port, or Azurite's UseDevelopmentStorage=true;
//   - nothing in the command marks production (the finding's Prod).
//
// MinIO on loopback is not an emulator: it is a store that keeps data, and
// often a port-forward to a shared one.

// emulatorPorts are the ports of cloud emulators: LocalStack's edge port
// and its legacy ones, DynamoDB Local, ElasticMQ, moto's server, Azurite.
const emulatorPorts = "4566 4569 4576 8000 9324 5000 10000 10001 10002"

// localstackHost is the public name LocalStack's documentation uses for
// its edge endpoint: it and its subdomains resolve to 127.0.0.1.
const localstackHost = "localhost.localstack.cloud"

// emulatorPacks are the packs whose findings a local emulator makes
// harmless: what they protect lives in the cloud.
const emulatorPacks = "cloud backups stores brokers secrets verbs search databases"

// relaxesEmulated reports whether a finding of rule r may pass because
// the command is aimed at a local emulator.
func relaxesEmulated(r *Rule) bool {
	return r.Severity < Critical && wordlist.Has(emulatorPacks, r.Pack)
}

// localEmulator reports whether a cloud CLI's command is aimed at an
// emulator on this machine.
func localEmulator(inv *parse.Invocation, ctx *Context) bool {
	if inv.Remote != "" && !containerRemote(inv) || inv.MoreArgs {
		return false
	}
	switch inv.Name {
	case "awslocal", "tflocal", "cdklocal", "samlocal", "pulumilocal", "azlocal":
		h := ctx.Env["LOCALSTACK_HOST"]
		return h == "" || localDBHost(strings.Split(h, ":")[0])
	case "aws":
		return awsEmulated(inv)
	case "az":
		return azuriteTarget(inv)
	case "wrangler":
		return wranglerLocal(inv.Own())
	case "firebase":
		return firebaseLocal(inv, inv.Own())
	case "supabase":
		return supabaseLocal(inv.Own())
	case "cbt":
		return emulatorHostAssigned(inv, "BIGTABLE_EMULATOR_HOST")
	}
	return false
}

// awsEmulated reports whether an aws command names an emulator's
// endpoint, and only that.
func awsEmulated(inv *parse.Invocation) bool {
	found, ok := endpointEnvEmulated(inv)
	if !ok {
		return false
	}
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		name, val, has := strings.Cut(args[i].Value, "=")
		if name != "--endpoint-url" {
			continue
		}
		if !has {
			if i+1 >= len(args) || args[i+1].Dynamic {
				return false
			}
			i++
			val = args[i].Value
		}
		if args[i].Dynamic || !emulatorURL(val) {
			return false
		}
		found = true
	}
	return found
}

// emulatorURL reports whether an endpoint URL is an emulator's on this
// machine: http://localhost:4566, http://localstack:4566.
func emulatorURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.User != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	local := localDBHost(h) || h == localstackHost || strings.HasSuffix(h, "."+localstackHost)
	return local && wordlist.Has(emulatorPorts, u.Port())
}

// azuriteTarget reports whether an az command names Azurite, the storage
// emulator: --connection-string UseDevelopmentStorage=true, or one whose
// endpoints are on loopback.
func azuriteTarget(inv *parse.Invocation) bool {
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		name, val, has := strings.Cut(args[i].Value, "=")
		if name != "--connection-string" {
			continue
		}
		if !has && i+1 < len(args) {
			i++
			val = args[i].Value
		}
		if args[i].Dynamic {
			return false
		}
		if strings.EqualFold(strings.TrimSuffix(strings.TrimSpace(val), ";"), "UseDevelopmentStorage=true") {
			return true
		}
		ok := false
		for _, part := range strings.Split(val, ";") {
			k, v, _ := strings.Cut(part, "=")
			if strings.HasSuffix(strings.ToLower(k), "endpoint") {
				if !emulatorURL(v) {
					return false
				}
				ok = true
			}
		}
		return ok
	}
	return false
}

// endpointEnvEmulated reads the command's AWS_ENDPOINT_URL assignments:
// found reports that it sets one, and ok that every one it sets is a
// literal emulator URL.
func endpointEnvEmulated(inv *parse.Invocation) (found, ok bool) {
	for _, a := range inv.Assigns {
		if a.Name == "AWS_ENDPOINT_URL" || strings.HasPrefix(a.Name, "AWS_ENDPOINT_URL_") {
			if a.Value.Dynamic || !emulatorURL(a.Value.Value) {
				return found, false
			}
			found = true
		}
	}
	return found, true
}
