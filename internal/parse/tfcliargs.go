package parse

import "strings"

// Terraform and OpenTofu read more arguments from the environment:
// TF_CLI_ARGS for every subcommand, TF_CLI_ARGS_apply (TF_CLI_ARGS_state_rm
// for state rm) for one. Both are inserted after the subcommand's words,
// before the ones typed, so TF_CLI_ARGS_apply="-auto-approve -destroy"
// terraform apply destroys everything the configuration manages with
// nobody asked. An invocation of terraform or tofu gets those words in its
// Args, where every rule reads options, whether the variable is set
// before the program or exported earlier in the command; so does
// terragrunt, which passes its environment to the terraform it runs.

// tfCLIArgs inserts the words of TF_CLI_ARGS and TF_CLI_ARGS_<subcommand>
// into a terraform or tofu invocation's arguments.
func tfCLIArgs(inv *Invocation) {
	if len(inv.Assigns) == 0 || len(inv.Args) < 2 || inv.OwnArgs != 0 {
		return
	}
	switch inv.Name {
	case "terraform", "tofu", "terragrunt":
	default:
		return
	}
	has := false
	for _, a := range inv.Assigns {
		if strings.HasPrefix(a.Name, "TF_CLI_ARGS") {
			has = true
			break
		}
	}
	if !has {
		return
	}
	// The subcommand is the first bare word after the global options
	// (-chdir=DIR), and its second word when it has one (state rm,
	// workspace delete): Terraform names the variable after both.
	start := 1
	for start < len(inv.Args) && strings.HasPrefix(inv.Args[start].Value, "-") {
		start++
	}
	if start >= len(inv.Args) || inv.Args[start].Dynamic {
		return
	}
	sub := []string{inv.Args[start].Value}
	end := start + 1
	if inv.Name == "terragrunt" {
		// Terragrunt runs terraform with its environment: the terraform
		// command is the first bare word after run-all or run (and their
		// --all and --), and the words go to the end.
		if sub[0] == "run-all" || sub[0] == "run" {
			i := end
			for i < len(inv.Args) && strings.HasPrefix(inv.Args[i].Value, "-") {
				i++
			}
			if i >= len(inv.Args) || inv.Args[i].Dynamic {
				return
			}
			sub[0] = inv.Args[i].Value
		}
		end = len(inv.Args)
	}
	switch sub[0] {
	case "state", "workspace", "providers", "metadata":
		if inv.Name != "terragrunt" && end < len(inv.Args) && !strings.HasPrefix(inv.Args[end].Value, "-") && !inv.Args[end].Dynamic {
			sub = append(sub, inv.Args[end].Value)
			end++
		}
	}
	var extra []Word
	for _, name := range []string{"TF_CLI_ARGS", "TF_CLI_ARGS_" + strings.NewReplacer("-", "_").Replace(strings.Join(sub, "_"))} {
		v, ok := inv.Env(name)
		if !ok {
			continue
		}
		if v.Dynamic {
			extra = append(extra, Word{Value: v.Value, Dynamic: true})
			continue
		}
		for _, f := range splitShellWords(v.Value) {
			extra = append(extra, Word{Value: f})
		}
	}
	if len(extra) == 0 {
		return
	}
	args := make([]Word, 0, len(inv.Args)+len(extra))
	args = append(args, inv.Args[:end]...)
	args = append(args, extra...)
	inv.Args = append(args, inv.Args[end:]...)
}

// splitShellWords splits text into words at blanks, as a shell would
// without expanding anything: single and double quotes group and are
// removed, a backslash outside single quotes escapes the next byte.
func splitShellWords(s string) []string { return splitWords(s, true) }
