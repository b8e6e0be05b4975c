module github.com/guardsh/guard

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0 // indirect
	mvdan.cc/sh/v3 v3.14.1 // indirect
)
