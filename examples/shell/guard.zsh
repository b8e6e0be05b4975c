# guard for zsh: add to ~/.zshrc (guard init zsh prints the same, with
# your own paths). Needs guard at /usr/local/bin/guard; adjust if not.

# 1. Shims first on PATH: every shimmed CLI (guard shim add terraform kubectl
#    psql) runs through guard, whoever calls it, interactive or not.
case ":$PATH:" in
  *:"$HOME/.local/state/guard/shims":*) ;;
  *) export PATH="$HOME/.local/state/guard/shims:$PATH" ;;
esac

# 2. aider runs each command with $SHELL -c: make that shell guard, for aider
#    only (guard install aider writes this for you).
aider() { SHELL=/usr/local/bin/guard command aider "$@"; }

# 3. Or, instead of shims, aliases (interactive shells only: agents run
#    non-interactive shells and never see them).
# alias terraform='/usr/local/bin/guard exec -- terraform'
# alias kubectl='/usr/local/bin/guard exec -- kubectl'
