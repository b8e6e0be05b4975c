package parse

import "testing"

// makeCases: make runs the recipes of a makefile guard knows.
var makeCases = []commandCase{
	{`printf 'all:\n\trm -rf /\n' > Makefile && make`, []string{
		`printf 'all:\n\trm -rf /\n'`,
		`make`,
		`rm -rf / via=make all`,
	}},
	{`make -f - <<'EOF'
clean:
	@rm -rf $(HOME)/x
EOF`, []string{
		`make -f - stdin="clean:\n\t@rm -rf $(HOME)/x\n"`,
		`rm -rf /home/user/x via=make clean`,
	}},
	{`make -f - clean <<'EOF'
BUILD = build
all: ; echo hi
clean:
	$(RM) -r $(BUILD)
EOF`, []string{
		`make -f - clean stdin="BUILD = build\nall: ; echo hi\nclean:\n\t$(RM) -r $(BUILD)\n"`,
		`rm -f -r build via=make clean`,
	}},
	{`make --eval='x: ; rm -rf /' x`, []string{
		`make '--eval=x: ; rm -rf /' x`,
		`rm -rf / via=make x`,
	}},
	{`make -n clean`, []string{
		`make -n clean`,
	}},
	{`make test`, []string{
		`make test`,
	}},
	{`curl x | make -f -`, []string{
		`curl x`,
		`make -f - stdin=?`,
		`make -f - stdin=? problem=unknown-input`,
	}},
	{`printf 'OUT := $(shell rm -rf ~)\nall:\n\techo $(OUT)\n' > mk && make -f mk`, []string{
		`printf 'OUT := $(shell rm -rf ~)\nall:\n\techo $(OUT)\n'`,
		`make -f mk`,
		`rm -rf /home/user via=make $(shell)`,
		`rm -rf /home/user via=make all>$(...)`,
		`echo '$(rm -rf ~)'{D} via=make all`,
	}},
	{`printf 'all: dep\n\techo all\ndep:\n\trm -rf ~/dep\n' > Makefile && make -j4 all`, []string{
		`printf 'all: dep\n\techo all\ndep:\n\trm -rf ~/dep\n'`,
		`make -j4 all`,
		`rm -rf /home/user/dep via=make dep`,
		`echo all via=make all`,
	}},
}

func TestMake(t *testing.T) { runCommandCases(t, makeCases) }
