# guard for fish: save as ~/.config/fish/conf.d/guard.fish (guard init fish
# prints the same, with your own paths). Needs guard at /usr/local/bin/guard.

# 1. Shims first on PATH: every shimmed CLI (guard shim add terraform kubectl
#    psql) runs through guard, whoever calls it, interactive or not.
if not contains -- $HOME/.local/state/guard/shims $PATH
    set -gx PATH $HOME/.local/state/guard/shims $PATH
end

# 2. aider runs each command with $SHELL -c: make that shell guard, for aider
#    only (guard install aider --shell fish writes this for you).
function aider --wraps aider
    SHELL=/usr/local/bin/guard command aider $argv
end

# 3. Or, instead of shims, functions (interactive shells only).
# function terraform --wraps terraform
#     /usr/local/bin/guard exec -- terraform $argv
# end
